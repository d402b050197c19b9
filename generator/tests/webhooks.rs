//! Webhooks, from the document to the crate: 3.0 `x-webhooks` and 3.1 `webhooks` become payload
//! types named after their events, an enum dispatched by the configured property (or the
//! payloads' discriminator), the verifier of the configured scheme, and a crate without a client
//! when the document has no operations; what cannot be dispatched is a located warning, and what
//! cannot be told apart a located error.

use generator::surface::{Bump, Surface, diff};
use generator::{Config, Files, Source};

/// A config of a crate without a client, with `extra` after it.
fn config(extra: &str) -> Config {
    let text =
        format!("[crate]\nname = \"hooks\"\nversion = \"0.1.0\"\ndescription = \"d\"\n{extra}");
    Config::from_toml(&text).expect("a config")
}

const SVIX: &str = "[webhooks]\ndispatch = \"type\"\nscheme = \"svix\"\n";

fn render(doc: &str, config: &Config) -> generator::Result<Files> {
    let source = Source {
        name: "hooks.yaml",
        text: doc,
    };
    generator::render(&source, &[], config)
}

fn surface(files: &Files) -> Surface {
    Surface::from_json(&files[generator::SURFACE]).expect("a surface")
}

/// Clerk's shape: 3.0, no `paths`, operations without `responses`, each payload an `allOf` of a
/// base and its `data`, one example through `components.examples`.
const CLERK_LIKE: &str = r##"
openapi: 3.0.3
info: {title: Hooks, version: v1}
x-webhooks:
  user.created:
    post:
      description: User created
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - $ref: '#/components/schemas/Base'
                - properties:
                    data:
                      type: object
                      required: [id]
                      properties: {id: {type: string}}
                  required: [data]
            example: {type: user.created, data: {id: user_1}}
  session.ended:
    post:
      description: Session ended
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - $ref: '#/components/schemas/Base'
                - properties: {data: {$ref: '#/components/schemas/Session'}}
            examples:
              default: {$ref: '#/components/examples/Ended'}
components:
  examples:
    Ended: {value: {type: session.ended, data: {id: sess_1}}}
  schemas:
    Base:
      type: object
      required: [type]
      properties: {type: {type: string}}
    Session:
      type: object
      properties: {id: {type: string}}
"##;

#[test]
fn a_document_of_webhooks_only_is_a_crate_of_events_and_their_verifier_without_a_client() {
    let files = render(CLERK_LIKE, &config(SVIX)).expect("renders");
    let manifest: toml::Table = toml::from_str(&files["Cargo.toml"]).unwrap();
    let dependencies = manifest["dependencies"].as_table().unwrap();
    let names: Vec<&str> = dependencies.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "base64",
            "hmac",
            "http",
            "serde",
            "serde_json",
            "serde_path_to_error",
            "sha2"
        ]
    );
    assert!(!manifest.contains_key("features"));
    assert!(
        !files
            .keys()
            .any(|path| path.starts_with("src/runtime/http"))
    );
    assert!(files.contains_key("src/runtime/webhooks.rs"));
    let lib = &files["src/lib.rs"];
    assert!(lib.contains("pub mod models;") && lib.contains("pub mod webhooks;"));
    assert!(!lib.contains("Client") && !lib.contains("reqwest"), "{lib}");
    let webhooks = &files["src/webhooks.rs"];
    for expected in [
        "UserCreated(models::UserCreatedPayload)",
        "SessionEnded(models::SessionEndedPayload)",
        "value.get(\"type\")",
        "\"user.created\" =>",
        "pub use crate::runtime::webhooks::{",
    ] {
        assert!(webhooks.contains(expected), "{expected}: {webhooks}");
    }
    // The payload's inline `data` is named after its event; the example through
    // `components.examples` is checked like the inline one.
    assert!(files["src/models.rs"].contains("pub struct UserCreatedData"));
    let test = &files["tests/webhook_examples.rs"];
    assert!(test.contains("sess_1") && test.contains("user_1"), "{test}");
    assert!(files["README.md"].contains("axum::serve"));
    assert!(files["docs/webhooks.md"].contains("| [`session.ended`]"));
    let surface = surface(&files);
    assert_eq!(surface.events["user.created"].variant, "Event::UserCreated");
    assert!(surface.runtime.contains_key("WebhookVerifier"));
    assert!(!surface.runtime.contains_key("Error"));
}

#[test]
fn without_a_scheme_the_crate_has_the_events_and_no_verifier() {
    let files = render(CLERK_LIKE, &config("[webhooks]\ndispatch = \"type\"\n")).unwrap();
    assert!(!files.contains_key("src/runtime/webhooks.rs"));
    assert!(!files["Cargo.toml"].contains("hmac"));
    assert!(!files["src/webhooks.rs"].contains("WebhookVerifier"));
    assert!(files["README.md"].contains("serde_json::from_slice::<Event>"));
}

#[test]
fn a_payload_type_named_like_a_component_takes_the_next_number() {
    let session = "    Session:\n      type: object\n      properties: {id: {type: string}}\n";
    let user = "      properties: {user: {$ref: '#/components/schemas/UserCreatedPayload'}}\n";
    let doc = CLERK_LIKE.replace(
        session,
        &format!("    Session:\n      type: object\n{user}    UserCreatedPayload: {{type: object, properties: {{x: {{type: string}}}}}}\n"),
    );
    assert_ne!(doc, CLERK_LIKE);
    let files = render(&doc, &config(SVIX)).unwrap();
    assert!(files["src/webhooks.rs"].contains("UserCreated(models::UserCreatedPayload2)"));
}

/// 3.1 `webhooks` whose payloads name their discriminator, one with a `const` that names its
/// event otherwise than its key.
const DISCRIMINATED: &str = r##"
openapi: 3.1.0
info: {title: Parcels, version: '1'}
webhooks:
  parcelShipped:
    post:
      requestBody:
        content:
          application/json:
            schema:
              allOf:
                - $ref: '#/components/schemas/Event'
                - properties: {kind: {const: parcel.shipped}}
  parcel.lost:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Event'}
components:
  schemas:
    Event:
      type: object
      required: [kind]
      discriminator: {propertyName: kind}
      properties: {kind: {type: string}}
"##;

#[test]
fn the_discriminator_tells_the_events_apart_and_a_const_names_its_event() {
    let files = render(DISCRIMINATED, &config("")).unwrap();
    let webhooks = &files["src/webhooks.rs"];
    assert!(webhooks.contains("value.get(\"kind\")"), "{webhooks}");
    assert!(webhooks.contains("\"parcel.shipped\" =>"), "{webhooks}");
    assert!(webhooks.contains("\"parcel.lost\" =>"), "{webhooks}");
    // The config's property wins over the document's.
    let files = render(DISCRIMINATED, &config("[webhooks]\ndispatch = \"event\"\n")).unwrap();
    assert!(files["src/webhooks.rs"].contains("value.get(\"event\")"));
}

#[test]
fn webhooks_that_nothing_tells_apart_are_their_payload_types_with_a_located_warning() {
    let files = render(CLERK_LIKE, &config("")).unwrap();
    assert!(!files.contains_key("src/webhooks.rs"));
    assert!(files["src/models.rs"].contains("pub struct UserCreatedPayload"));
    let surface = surface(&files);
    let pointers: Vec<&str> = (surface.limitations.iter())
        .map(|l| l.pointer.as_str())
        .collect();
    assert_eq!(pointers, ["#/x-webhooks/user.created/post/requestBody"]);
}

#[test]
fn two_webhooks_of_one_event_are_refused_where_the_second_is() {
    let doc = DISCRIMINATED.replace("const: parcel.shipped", "const: parcel.lost");
    let error = render(&doc, &config("")).unwrap_err().to_string();
    assert!(error.contains("#/webhooks/parcel.lost/post"), "{error}");
    assert!(error.contains("both the event `parcel.lost`"), "{error}");
}

#[test]
fn a_webhook_without_a_json_body_or_not_a_path_item_is_left_out_with_a_located_warning() {
    let doc = CLERK_LIKE.replace(
        "x-webhooks:\n",
        "x-webhooks:\n  ping:\n    post:\n      requestBody:\n        content:\n          text/plain: {schema: {type: string}}\n  odd:\n    post: 7\n",
    );
    let files = render(&doc, &config(SVIX)).unwrap();
    assert!(!files["src/webhooks.rs"].contains("Ping"));
    let surface = surface(&files);
    let warning = surface.limitations.iter().find(|l| l.what.contains("ping"));
    let warning = warning.expect("a warning");
    assert_eq!(warning.pointer, "#/x-webhooks/ping/post/requestBody");
    let odd = surface.limitations.iter().find(|l| l.what.contains("odd"));
    assert_eq!(odd.expect("a warning").pointer, "#/x-webhooks/odd/post");
}

#[test]
fn operations_and_webhooks_make_one_crate_where_a_group_named_webhooks_takes_api() {
    let doc = CLERK_LIKE.replace(
        "x-webhooks:\n",
        "paths:\n  /endpoints:\n    get:\n      operationId: listEndpoints\n      tags: [Webhooks]\n      responses:\n        '204': {description: None}\nx-webhooks:\n",
    );
    let client = "[client]\nname = \"Hooks\"\nuser_agent = \"hooks\"\n";
    let files = render(&doc, &config(&format!("{client}{SVIX}"))).unwrap();
    assert!(files.contains_key("src/webhooks.rs") && files.contains_key("src/webhooks_api.rs"));
    assert!(files["src/lib.rs"].contains("pub mod webhooks_api;"));
    assert!(files["Cargo.toml"].contains("reqwest") && files["Cargo.toml"].contains("hmac"));
    assert!(files["README.md"].contains("## Webhooks"));
    // Without `[client]`, a document with operations has no client to name.
    let error = render(&doc, &config(SVIX)).unwrap_err().to_string();
    assert!(error.contains("needs a `[client]`"), "{error}");
}

#[test]
fn a_document_with_neither_operations_nor_webhooks_is_refused() {
    let doc = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n";
    let error = render(doc, &config("")).unwrap_err().to_string();
    assert!(
        error.contains("#/paths") && error.contains("no webhooks"),
        "{error}"
    );
}

#[test]
fn removing_an_event_is_breaking_and_adding_one_compatible() {
    let both = surface(&render(CLERK_LIKE, &config(SVIX)).unwrap());
    let start = CLERK_LIKE.find("  session.ended:").unwrap();
    let end = CLERK_LIKE.find("components:").unwrap();
    let one_doc = format!("{}{}", &CLERK_LIKE[..start], &CLERK_LIKE[end..]);
    let one = surface(&render(&one_doc, &config(SVIX)).unwrap());
    let removed = diff(&both, &one);
    assert_eq!(removed.bump, Bump::Major);
    let items: Vec<&str> = removed.changes.iter().map(|c| c.item.as_str()).collect();
    assert!(items.contains(&"event `session.ended`"), "{items:?}");
    let added = diff(&one, &both);
    let event = added
        .changes
        .iter()
        .find(|c| c.item == "event `session.ended`");
    assert!(event.is_some_and(|c| !c.breaking && c.what == "added"));
}
