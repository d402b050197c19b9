//! `progenitor-driver SPEC OUT [positional|builder]`: generates a crate from an OpenAPI
//! document with progenitor, as `cargo progenitor -n clerk-progenitor -v 0.1.0` does, but
//! formatted with prettyplease (like our generator) instead of rustfmt.

use std::path::PathBuf;
use std::process::ExitCode;

use progenitor::{GenerationSettings, Generator, InterfaceStyle, TagStyle};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec, out, rest @ ..] = args.as_slice() else {
        return Err("usage: progenitor-driver SPEC OUT [positional|builder]".into());
    };
    let (interface, tags) = match rest.first().map(String::as_str) {
        None | Some("positional") => (InterfaceStyle::Positional, TagStyle::Merged),
        Some("builder") => (InterfaceStyle::Builder, TagStyle::Separate),
        Some(other) => return Err(format!("unknown interface {other}").into()),
    };
    let text = std::fs::read_to_string(spec)?;
    let api: openapiv3::OpenAPI = match serde_json::from_str(&text) {
        Ok(api) => api,
        Err(_) => serde_yaml::from_str(&text)?,
    };
    let mut generator = Generator::new(
        GenerationSettings::default()
            .with_interface(interface)
            .with_tag(tags),
    );
    let tokens = generator.generate_tokens(&api)?;
    let code = prettyplease::unparse(&syn::parse2(tokens)?);

    let out = PathBuf::from(out);
    std::fs::create_dir_all(out.join("src"))?;
    std::fs::write(out.join("Cargo.toml"), manifest(&generator))?;
    std::fs::write(out.join("src/lib.rs"), code)?;
    Ok(())
}

/// The manifest `cargo progenitor` 0.15.1 writes, with the same dependencies.
fn manifest(generator: &Generator) -> String {
    let types = generator.get_type_space();
    let mut deps = vec![
        "bytes = \"1.9\"".to_owned(),
        "futures-core = \"0.3\"".to_owned(),
        "reqwest = { version = \"0.13\", default-features=false, features = [\"json\", \"query\", \"stream\"] }".to_owned(),
        "serde = { version = \"1.0\", features = [\"derive\"] }".to_owned(),
        "serde_urlencoded = \"0.7\"".to_owned(),
        "progenitor-client = \"0.15.1\"".to_owned(),
    ];
    if types.uses_regress() {
        deps.push("regress = \"0.10\"".to_owned());
    }
    if types.uses_uuid() {
        deps.push("uuid = { version = \"1.0\", features = [\"serde\", \"v4\"] }".to_owned());
    }
    if types.uses_chrono() {
        deps.push(
            "chrono = { version = \"0.4\", default-features=false, features = [\"serde\"] }"
                .to_owned(),
        );
    }
    if generator.uses_futures() {
        deps.push("futures = \"0.3\"".to_owned());
    }
    if types.uses_serde_json() {
        deps.push("serde_json = \"1.0\"".to_owned());
    }
    deps.sort_unstable();
    format!(
        "[package]\nname = \"clerk-progenitor\"\nversion = \"0.1.0\"\nedition = \"2024\"\nlicense = \"MIT\"\n\n[dependencies]\n{}\n",
        deps.join("\n")
    )
}
