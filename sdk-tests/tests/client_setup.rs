//! Setting up the client: from the environment (`Clerk::from_env()`, `bearer_auth_env`), and
//! the client's own name in `Debug` output.
//!
//! The environment is the process's, shared by the tests running in parallel, and changing it
//! needs `unsafe` in this edition (which the workspace forbids). So each test that needs a
//! variable set or unset runs itself again in a child process with that environment, where it
//! does its checks, and passes when the child passes.

mod common;

use std::process::Command;

use clerk_backend_api::Clerk;
use common::*;

/// The variable `spec/sdk.toml` names (`[client] token_env`).
const VAR: &str = "CLERK_SECRET_KEY";

/// Set in the child process, where a test runs its checks.
const CHILD: &str = "CLIENT_SETUP_CHILD";

/// Runs `checks` in a child process of this test binary whose `CLERK_SECRET_KEY` is `value`
/// (unset for `None`): the test `name` runs itself again there, and fails if that fails.
fn with_secret(name: &str, value: Option<&str>, checks: impl FnOnce()) {
    if std::env::var_os(CHILD).is_some() {
        checks();
        return;
    }
    let mut child = Command::new(std::env::current_exe().expect("the test binary"));
    child
        .args(["--exact", name, "--test-threads=1", "--nocapture"])
        .env(CHILD, "1");
    match value {
        Some(value) => child.env(VAR, value),
        None => child.env_remove(VAR),
    };
    let output = child.output().expect("the test binary runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && text.contains("1 passed"),
        "{name} failed:\n{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn from_env_reads_the_token_from_clerk_secret_key() {
    with_secret(
        "from_env_reads_the_token_from_clerk_secret_key",
        Some(TOKEN),
        || {
            let runtime = tokio::runtime::Runtime::new().expect("a runtime");
            runtime.block_on(async {
                let server = server_answering(json_response(200, &api_key_json())).await;
                let clerk = Clerk::from_env().expect("the variable is set");

                // `from_env` keeps the API's defaults; one call is sent to the loopback server.
                clerk
                    .api_keys()
                    .get_api_key(KEY_ID)
                    .server_url(server.uri())
                    .send()
                    .await
                    .expect("the call succeeds");

                let request = only_request(&server).await;
                let authorization = request.headers.get("authorization").expect("sent");
                assert_eq!(authorization, format!("Bearer {TOKEN}").as_str());
                let debug = format!("{clerk:?}");
                assert!(debug.starts_with("Clerk {"), "{debug}");
                assert!(debug.contains("https://api.clerk.com/v1"), "{debug}");
                assert!(!debug.contains("4eC39Hq"), "{debug}");
            });
        },
    );
}

#[test]
fn from_env_names_the_variable_when_it_is_unset() {
    with_secret("from_env_names_the_variable_when_it_is_unset", None, || {
        let message = Clerk::from_env().expect_err("no variable").to_string();
        assert!(
            message.contains("`CLERK_SECRET_KEY` is not set"),
            "{message}"
        );
        // The builder method reads it the same way, and a token set after it replaces it.
        let message = Clerk::builder()
            .bearer_auth_env(VAR)
            .build()
            .expect_err("no variable")
            .to_string();
        assert!(
            message.contains("`CLERK_SECRET_KEY` is not set"),
            "{message}"
        );
        Clerk::builder()
            .bearer_auth_env(VAR)
            .bearer_auth(TOKEN)
            .build()
            .expect("the later token counts");
    });
}

#[test]
fn from_env_names_the_variable_when_it_is_blank() {
    with_secret(
        "from_env_names_the_variable_when_it_is_blank",
        Some("  \t"),
        || {
            let message = Clerk::from_env().expect_err("a blank variable").to_string();
            assert!(message.contains("`CLERK_SECRET_KEY` is blank"), "{message}");
        },
    );
}

#[test]
fn debug_output_calls_the_client_and_its_builder_by_their_names() {
    let builder = Clerk::builder().bearer_auth(TOKEN);
    let text = format!("{builder:?}");
    assert!(text.starts_with("ClerkBuilder {"), "{text}");
    assert!(!text.contains("4eC39Hq"), "{text}");
    let clerk = builder.build().expect("the client builds");
    let text = format!("{clerk:?}");
    assert!(text.starts_with("Clerk {"), "{text}");
    assert!(!text.contains("4eC39Hq"), "{text}");
}
