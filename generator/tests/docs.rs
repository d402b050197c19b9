//! The docs of the API Keys SDK against its model: every operation has its section in its
//! group's page, with every parameter, the response type and every documented error; every
//! method carries its example as a doctest; every linked model has its section.

use generator::ir::{Api, Encoding, Operation, Type, TypeKind};
use generator::{Config, Files, Source};

fn read(path: &str) -> String {
    let path = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A document's folder (`spec`, `fixtures/<name>`) as `cargo xtask generate` reads it: the
/// config, then `openapi.yaml` and the overlays the config lists, by name.
struct Inputs {
    config: Config,
    files: Vec<(String, String)>,
}

impl Inputs {
    fn read(dir: &str) -> Inputs {
        let config = Config::from_toml(&read(&format!("{dir}/sdk.toml"))).expect("a config");
        let names = std::iter::once("openapi.yaml").chain(config.overlays.iter().map(|o| &**o));
        let files = names
            .map(|name| (format!("{dir}/{name}"), read(&format!("{dir}/{name}"))))
            .collect();
        Inputs { config, files }
    }

    /// The document and its overlays, as the generator takes them.
    fn sources(&self) -> (Source<'_>, Vec<Source<'_>>) {
        let mut all = self.files.iter().map(|(name, text)| Source { name, text });
        let spec = all.next().expect("the document is read first");
        (spec, all.collect())
    }

    fn render(&self) -> Files {
        let (spec, overlays) = self.sources();
        generator::render(&spec, &overlays, &self.config).expect("it renders")
    }
}

/// The model (named), the names of its groups' pages and the rendered crate of `spec/`.
fn api_keys() -> (Api, Pages, Files) {
    let inputs = Inputs::read("spec");
    let config = &inputs.config;
    let (spec, overlays) = inputs.sources();
    let document = generator::load::load_with_overlays(&spec, &overlays).expect("it loads");
    let api = generator::lower::lower(&document, Default::default()).expect("the spec lowers");
    let (api, names) = generator::naming::name(api, config).expect("names are free");
    let pages = names
        .groups
        .into_iter()
        .map(|(group, names)| (group, names.page))
        .collect();
    let files = inputs.render();
    (api, pages, files)
}

/// The page name of each group.
type Pages = std::collections::BTreeMap<String, String>;

/// A Rust name as the docs write it: raw for a keyword.
fn rust(name: &str) -> String {
    generator::naming::ident(name).to_string()
}

/// The section of `op` in its group's page: from its heading to the next one of its level.
fn section<'a>(files: &'a Files, pages: &Pages, op: &Operation) -> &'a str {
    let page_name = &pages[&op.group];
    let page = files
        .get(&format!("docs/{page_name}.md"))
        .unwrap_or_else(|| panic!("no page for the group {}", op.group));
    let heading = format!("\n## `{}`\n", rust(&op.name));
    let start = page
        .find(&heading)
        .unwrap_or_else(|| panic!("no section for {}", op.id));
    let rest = &page[start + heading.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

/// The names the builder takes: parameters, then the fields of a JSON object body or of a
/// form, or `body` for any other body.
fn inputs(api: &Api, op: &Operation) -> Vec<String> {
    let mut names: Vec<String> = op.params.iter().map(|p| rust(&p.name)).collect();
    match op.body.as_ref().map(|b| &b.encoding) {
        Some(Encoding::Json(Type::Named(id))) => match &api.ty(*id).kind {
            TypeKind::Struct(fields) => names.extend(fields.iter().map(|f| rust(&f.name))),
            _ => names.push("body".into()),
        },
        Some(Encoding::Json(_) | Encoding::Text | Encoding::Bytes) => names.push("body".into()),
        Some(Encoding::Multipart(fields) | Encoding::Form(fields)) => {
            names.extend(fields.iter().map(|f| rust(&f.name)));
        }
        None => {}
    }
    names
}

#[test]
fn every_operation_parameter_and_error_is_in_its_page() {
    let (api, pages, files) = api_keys();
    assert_eq!(
        api.operations.len(),
        8,
        "the API Keys document has 8 operations"
    );
    let models = &files["docs/models.md"];
    for op in &api.operations {
        let section = section(&files, &pages, op);
        let summary = op
            .summary
            .as_deref()
            .expect("every API Keys operation has a summary");
        assert!(section.contains(summary), "{}: no summary", op.id);
        let request = format!("`{} {}`", op.method.as_str(), op.path);
        assert!(section.contains(&request), "{}: no {request}", op.id);
        assert!(
            section.contains(&format!(".{}(", rust(&op.name))),
            "{}: the example does not call the method",
            op.id
        );
        for name in inputs(&api, op) {
            assert!(
                section.contains(&format!("\n| `{name}` | ")),
                "{}: no row for the parameter `{name}`",
                op.id
            );
        }
        for response in &op.responses {
            let status = format!(" `{}` |", response.status);
            let body = response.body.as_ref().and_then(|b| b.json());
            let model = match body {
                Some(Type::Named(id)) => Some(&api.ty(*id).name),
                _ => None,
            };
            if let Some(model) = model {
                let link = format!("[`{model}`](models.md#{})", model.to_lowercase());
                assert!(section.contains(&link), "{}: no link {link}", op.id);
                assert!(
                    models.contains(&format!("\n## {model}\n")),
                    "{model} has no section in docs/models.md"
                );
            }
            if response.status.is_success() {
                continue;
            }
            let row = section
                .lines()
                .find(|line| line.contains(&status))
                .unwrap_or_else(|| panic!("{}: no error row for {}", op.id, response.status));
            assert!(
                row.contains(&format!("`{}Error::", op.stem)),
                "{}: the row for {} names no error variant: {row}",
                op.id,
                response.status
            );
            if let Some(body) = &response.body {
                assert!(row.contains(&format!("`{}`", body.media_type)), "{row}");
            }
        }
        assert!(
            section.contains(
                "| [`UnexpectedResponse`](../README.md#errors) | 4XX, 5XX not listed | `*/*` |"
            ),
            "{}: no UnexpectedResponse row",
            op.id
        );
        for setting in ["server_url", "timeout", "retries", "header"] {
            assert!(
                section.contains(&format!("\n| `{setting}` | ")),
                "{setting}"
            );
        }
    }
}

#[test]
fn every_method_carries_its_example_as_a_doctest() {
    let (api, pages, files) = api_keys();
    for op in &api.operations {
        let module = &pages[&op.group];
        let source = &files[&format!("src/{module}.rs")];
        let signature = format!("    pub fn {}(", rust(&op.name));
        let before = &source[..source.find(&signature).expect("the method is there")];
        let docs = &before[before.rfind("\n    }\n").unwrap_or(0)..];
        let example = &docs[docs.find("/// ```no_run").expect("a no_run doctest")..];
        assert!(
            example.contains(&format!(".{}(", rust(&op.name))),
            "{}: the doctest does not call the method",
            op.id
        );
        let example = format!("clerk_backend_api_{module}");
        let program = &files[&format!("examples/{example}.rs")];
        assert!(
            program.contains(&format!("async fn {}(client", rust(&op.name))),
            "{}: examples/{example}.rs does not run it",
            op.id
        );
    }
}

/// Every fixture's docs pages name only what its code declares: each method heading is a
/// method of the group's module, each error of a table a variant of the error type there.
#[test]
fn docs_and_code_agree_on_every_name() {
    let fixtures = format!("{}/../fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(&fixtures).expect("fixtures/") {
        let dir = entry.expect("a fixture").path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let files = Inputs::read(&format!("fixtures/{name}")).render();
        for (path, page) in &files {
            let Some(group) = path
                .strip_prefix("docs/")
                .and_then(|p| p.strip_suffix(".md"))
                .filter(|p| *p != "models")
            else {
                continue;
            };
            let source = &files[&format!("src/{group}.rs")];
            if source.contains("impl<'de> Deserialize<'de> for Event") {
                checked += events_agree(&format!("{name}/{path}"), page, source);
                continue;
            }
            for line in page.lines() {
                if let Some(method) = line.strip_prefix("## `").and_then(|l| l.strip_suffix('`')) {
                    let declared = format!("    pub fn {method}(");
                    assert!(source.contains(&declared), "{name}/{path}: {method}");
                    checked += 1;
                }
                // An error row starts with the variant in code: `XError::Variant(`…
                let first = line.strip_prefix("| `").and_then(|l| l.split('`').next());
                let Some((error, rest)) = first.and_then(|code| code.split_once("::")) else {
                    continue;
                };
                let variant: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let declared = format!("pub enum {error} {{");
                let start = source
                    .find(&declared)
                    .unwrap_or_else(|| panic!("{name}/{path}: no `{error}` in src/{group}.rs"));
                let body = &source[start..start + source[start..].find("\n}").unwrap()];
                assert!(
                    body.contains(&format!("    {variant}("))
                        || body.contains(&format!("    {variant},")),
                    "{name}/{path}: no variant `{error}::{variant}`"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "only {checked} names checked");
}

/// The webhooks' page names only what `src/webhooks.rs` declares: each event's heading is a name
/// the enum decodes, each variant in its intro a variant of the enum. The number of names
/// checked.
fn events_agree(page_name: &str, page: &str, source: &str) -> usize {
    let mut checked = 0;
    let mut lines = page.lines();
    while let Some(line) = lines.next() {
        let Some(event) = line.strip_prefix("## `").and_then(|l| l.strip_suffix('`')) else {
            continue;
        };
        assert!(
            source.contains(&format!("\"{event}\" =>")),
            "{page_name}: `{event}` is not decoded"
        );
        // The line after the blank one: `Event::Variant` · payload …
        let intro = lines.nth(1).unwrap_or_default();
        let variant = intro
            .strip_prefix("`Event::")
            .and_then(|l| l.split('`').next())
            .unwrap_or_else(|| panic!("{page_name}: `{event}` has no variant: {intro}"));
        assert!(
            source.contains(&format!("    {variant}(")),
            "{page_name}: no variant `Event::{variant}`"
        );
        checked += 2;
    }
    checked
}
