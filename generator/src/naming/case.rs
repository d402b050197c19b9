//! How a name from the document is spelled in Rust: PascalCase and snake_case with their
//! exceptions (initialisms, signs, digits), the names reserved beside generated code, and
//! keywords, raw or not.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// The names the generated code writes unqualified beside the types it declares: the std
/// prelude items it uses bare and the serde traits `models.rs` imports. A type (or any other
/// name declared in the same module as such code) named like one gets a trailing underscore,
/// see [`reserved`].
///
/// `Error`, `Client` and `Value` are not here on purpose: the generated code always writes
/// them qualified (`crate::Error`, `runtime::Clerk`, `serde_json::Value`), so a schema may
/// keep those names (the `naming` fixture has one of each).
pub const RESERVED: &[&str] = &[
    "Box",
    "Default",
    "Deserialize",
    "Err",
    "From",
    "Into",
    "IntoIterator",
    "None",
    "Ok",
    "Option",
    "Result",
    "Serialize",
    "Some",
    "String",
    "ToString",
    "Vec",
];

/// The names the generated code uses as the first segment of a path (`std::fmt`,
/// `serde_json::Value`, `models::Foo`, `runtime::Clerk`) or declares at the crate root: a
/// module declared at the crate root (a group's module) must not take one of these.
pub const RESERVED_MODULES: &[&str] = &[
    "alloc",
    "core",
    "models",
    "reqwest",
    "runtime",
    "serde",
    "serde_json",
    "std",
];

/// Initialisms written in capitals inside PascalCase names, as Speakeasy does.
const INITIALISMS: &[&str] = &["API"];

/// PascalCase with the initialisms (`API`) in capitals: `createApiKey` → `CreateAPIKey`.
pub fn pascal(text: &str) -> String {
    text.to_snake_case()
        .split('_')
        .filter(|word| !word.is_empty())
        .map(
            |word| match INITIALISMS.iter().find(|i| i.eq_ignore_ascii_case(word)) {
                Some(initialism) => (*initialism).to_owned(),
                None => word.to_upper_camel_case(),
            },
        )
        .collect()
}

/// The name of a method, field or parameter: its [`snake`] case, with the trailing `_` of a
/// keyword that cannot be raw (`self_`). Other keywords stay as they are: code writes them
/// raw (`r#type`), through [`ident`].
pub(super) fn member(wire: &str) -> String {
    Name::new(snake(wire)).0
}

/// snake_case for methods, fields and parameters: `apiKeyID` → `api_key_id`.
pub fn snake(text: &str) -> String {
    // A sign before a number is a word (`+1` → `plus_1`, GitHub's reactions).
    let signed = |sign: char, word: &str| {
        let rest = text.strip_prefix(sign)?;
        rest.starts_with(|c: char| c.is_ascii_digit())
            .then(|| format!("{word}_{rest}"))
    };
    let signed = signed('+', "plus").or_else(|| signed('-', "minus"));
    let name = signed.as_deref().unwrap_or(text).to_snake_case();
    match name.chars().next() {
        None => "value".to_owned(),
        // Digits alone are a number, not a name (`200` → `v200`, as types get `V`).
        Some(_) if name.chars().all(|c| c.is_ascii_digit() || c == '_') => format!("v{name}"),
        Some(c) if c.is_ascii_digit() => format!("_{name}"),
        Some(_) => name,
    }
}

/// A name declared beside code that uses the [`RESERVED`] names unqualified: a reserved name
/// gets a trailing underscore (`Option` → `Option_`), others stay.
pub fn reserved(name: String) -> String {
    if RESERVED.contains(&name.as_str()) {
        name + "_"
    } else {
        name
    }
}

/// A PascalCase enum variant for a wire value: `api_key` → `ApiKey`, `""` → `Empty`.
pub fn variant_name(value: &str) -> String {
    type_name(value.to_upper_camel_case())
}

/// A PascalCase name made a valid identifier for a type or variant: an empty name becomes
/// `Empty`, one that starts with a digit gets a leading `V` (`2xx` → `V2xx`), and `Self`,
/// which cannot be raw, a trailing underscore.
pub fn type_name(name: String) -> String {
    match name.chars().next() {
        None => "Empty".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("V{name}"),
        Some(_) if name == "Self" => "Self_".to_owned(),
        Some(_) => name,
    }
}

/// The catch-all variant of an enum or union whose variants are `taken`: `Unknown`, unless a
/// value already took it (then `UnknownValue`, and so on).
pub fn catch_all<'a>(taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let mut name = "Unknown".to_owned();
    while taken.clone().into_iter().any(|v| v == name) {
        name.push_str("Value");
    }
    name
}

/// A Rust name, decided once: its text as people read it (`type`) and, through
/// [`Name::ident`], as code spells it (`r#type`). Names that cannot be raw identifiers
/// (`self`, `Self`, `super`, `crate`) get their trailing `_` in the text itself.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(String);

impl Name {
    pub fn new(name: String) -> Name {
        Name(spelled(&name).unwrap_or(name))
    }

    /// The name as people read it, without `r#`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identifier, raw for a keyword.
    pub fn ident(&self) -> proc_macro2::Ident {
        ident(&self.0)
    }

    /// The name as code writes it: `r#type`.
    pub fn code(&self) -> String {
        self.ident().to_string()
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl quote::ToTokens for Name {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        self.ident().to_tokens(tokens);
    }
}

/// Whether a name needs `r#` (or, for the few that cannot be raw, a trailing `_`).
pub fn is_keyword(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
        "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
        "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv",
        "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "try",
        "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while",
        "yield",
    ];
    KEYWORDS.contains(&name)
}

/// The identifier for a name, applying the keyword policy.
pub fn ident(name: &str) -> proc_macro2::Ident {
    let span = proc_macro2::Span::call_site();
    match spelled(name) {
        Some(name) => proc_macro2::Ident::new(&name, span),
        None if is_keyword(name) => proc_macro2::Ident::new_raw(name, span),
        None => proc_macro2::Ident::new(name, span),
    }
}

/// The spelling of a name that cannot be an identifier as it is, not even a raw one: an empty
/// name (the naming pass never leaves one; this keeps a slip from panicking) and the keywords
/// that cannot be raw, which get a trailing `_`. `None` for every other name.
fn spelled(name: &str) -> Option<String> {
    match name {
        "" => Some("value".to_owned()),
        "self" | "Self" | "super" | "crate" => Some(format!("{name}_")),
        _ => None,
    }
}
