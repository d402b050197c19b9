//! A harness that runs Stoplight Prism, a mock server driven by an OpenAPI document, for the
//! conformance tests of the generated SDK in `tests/prism.rs`.
//!
//! Prism is pinned in `package.json` beside this crate and installed into `node_modules/` by
//! `cargo xtask test` (which runs `npm ci --prefix conformance`). Each [`Prism`] is one
//! server process on a free loopback port, serving a copy of `spec/openapi.yaml` that Prism
//! can validate against ([`prism_spec`]). Prism checks every request against the document and
//! reports what is wrong in the `sl-violations` response header ([`violations`]); it answers
//! with the document's examples or with bodies generated from its schemas ([`Mode`]).
//!
//! Nothing here skips: when Prism is not installed or does not start, the test fails and says
//! how to install it.

use std::fmt::{Debug, Write as _};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use clerk_backend_api::reqwest::header::{CONTENT_TYPE, HeaderMap};
use clerk_backend_api::{ApiError, Clerk, ResponseValue, RetryConfig, SdkError};

mod spec;

pub use spec::{Spec, drop_typeless_nullable, load_spec, prism_spec, sdk_spec, spec_path};

/// The bearer token the client sends. Prism checks only its form: `Bearer <token>`.
pub const TOKEN: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dcQx9bKm2N";

/// How long one call may take. Prism never answers some malformed requests (a body that is
/// not JSON), so without a limit such a test would hang instead of failing.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// How long Prism may take to start: about a second on an idle machine, more while the
/// other tests of the workspace build and run beside it.
const STARTUP_LIMIT: Duration = Duration::from_secs(60);

/// What a failed start tells the reader to do.
const INSTALL_HINT: &str = "Prism is installed by `cargo xtask test`, or by \
    `npm ci --prefix conformance` before `cargo test`; it needs Node.js 20 and npm \
    (apt-get install nodejs npm)";

/// How Prism builds its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// From the document's examples (`prism mock`): the lowest documented 2xx, or the status
    /// a call asks for with `Prefer: code=NNN`.
    Static,
    /// Generated from the schemas (`prism mock --dynamic --seed N`): the same bodies for the
    /// same seed and the same sequence of requests. Prism serves the document with the SDK's
    /// overlays applied in this mode (see [`prism_spec`]).
    Dynamic {
        /// The seed of Prism's random generator.
        seed: u32,
    },
}

/// A running Prism server. Dropping it kills the process, also when a test panics.
#[derive(Debug)]
pub struct Prism {
    child: Child,
    url: String,
    log: Log,
    readers: Vec<JoinHandle<()>>,
    spec: PathBuf,
}

/// Every line Prism has written to its stdout and stderr so far.
type Log = Arc<Mutex<Vec<String>>>;

impl Prism {
    /// Starts Prism on a free port of 127.0.0.1 and waits until it listens.
    ///
    /// # Panics
    ///
    /// When Prism is not installed, exits early or does not listen within a minute; the
    /// message includes Prism's output and how to install it.
    pub fn start(mode: Mode) -> Prism {
        let program = prism_program();
        assert!(
            program.is_file(),
            "Prism is not installed: {} is missing. {INSTALL_HINT}.",
            program.display()
        );
        let spec = write_prism_spec(matches!(mode, Mode::Dynamic { .. }));
        let mut command = Command::new(&program);
        // Port 0: the system picks a free port and Prism prints it in its "listening" line,
        // which leaves no window for another process to take the port in between.
        command.arg("mock").arg(&spec).args([
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--verboseLevel",
            "info",
        ]);
        if let Mode::Dynamic { seed } = mode {
            command.args(["--dynamic", "--seed", &seed.to_string()]);
        }
        command
            .env("FORCE_COLOR", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = match command.spawn() {
            Ok(child) => child,
            Err(e) => {
                let _ = std::fs::remove_file(&spec);
                panic!("cannot run {}: {e}. {INSTALL_HINT}.", program.display());
            }
        };
        let log = Log::default();
        let (listening, started) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr = child.stderr.take().expect("stderr is piped");
        let readers = vec![
            collect(stdout, Arc::clone(&log), Some(listening)),
            collect(stderr, Arc::clone(&log), None),
        ];
        // From here on, a panic drops `prism` and so kills the process.
        let mut prism = Prism {
            child,
            url: String::new(),
            log,
            readers,
            spec,
        };
        match started.recv_timeout(STARTUP_LIMIT) {
            Ok(url) => prism.url = url,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!(
                "Prism did not listen within {STARTUP_LIMIT:?}. Its output:\n{}",
                prism.log()
            ),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = prism
                    .child
                    .wait()
                    .map_or_else(|e| e.to_string(), |s| s.to_string());
                for reader in prism.readers.drain(..) {
                    let _ = reader.join();
                }
                panic!(
                    "Prism exited before it listened ({status}). {INSTALL_HINT}. Its output:\n{}",
                    prism.log()
                );
            }
        }
        prism
    }

    /// The server's base URL, such as `http://127.0.0.1:40123`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A client for this server: no retries, and [`CALL_TIMEOUT`] for every call.
    pub fn client(&self) -> Clerk {
        Clerk::builder()
            .bearer_auth(TOKEN)
            .server_url(&self.url)
            .timeout(CALL_TIMEOUT)
            .retries(RetryConfig::none())
            .build()
            .expect("the client builds")
    }

    /// The last lines of Prism's output, for failure messages.
    pub fn log(&self) -> String {
        const SHOWN: usize = 60;
        let lines = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        let skipped = lines.len().saturating_sub(SHOWN);
        let mut text = String::new();
        if skipped > 0 {
            let _ = writeln!(text, "  ({skipped} earlier lines left out)");
        }
        for line in &lines[skipped..] {
            let _ = writeln!(text, "  {line}");
        }
        text
    }

    /// Passes `result` on after checking that Prism answered the call and found nothing wrong
    /// with its request.
    ///
    /// # Panics
    ///
    /// When Prism reported a violation, answered with an error of its own, or did not answer.
    #[track_caller]
    pub fn checked<T, E: Debug>(
        &self,
        operation: &str,
        result: Result<ResponseValue<T>, SdkError<E>>,
    ) -> Result<ResponseValue<T>, SdkError<E>> {
        let reported = |headers: &HeaderMap, body: &[u8]| {
            violations(headers, body)
                .map(|v| format!("Prism reports that the request breaks the spec: {v}"))
        };
        let problem = match &result {
            Ok(response) => reported(response.headers(), &[]),
            Err(SdkError::Api(e)) => reported(&e.headers, &e.body),
            Err(SdkError::Unexpected(e)) => reported(&e.headers, &e.body),
            Err(SdkError::Decode(e)) => reported(&e.headers, &e.body),
            Err(other) => Some(format!("no answer from Prism: {other}")),
        };
        if let Some(problem) = problem {
            panic!("{operation}: {problem}\nPrism's output:\n{}", self.log());
        }
        result
    }

    /// The decoded success of a call whose request Prism accepted.
    ///
    /// # Panics
    ///
    /// As [`checked`](Self::checked) does, and when the call failed.
    #[track_caller]
    pub fn expect_ok<T, E: Debug>(
        &self,
        operation: &str,
        result: Result<ResponseValue<T>, SdkError<E>>,
    ) -> ResponseValue<T> {
        match self.checked(operation, result) {
            Ok(response) => response,
            Err(e) => panic!("{operation}: expected a decoded 2xx answer, got: {e}"),
        }
    }

    /// The documented error of a call whose request Prism accepted.
    ///
    /// # Panics
    ///
    /// As [`checked`](Self::checked) does, and when the call did not fail with a documented
    /// error status whose body decoded.
    #[track_caller]
    pub fn expect_api<T, E: Debug>(
        &self,
        operation: &str,
        result: Result<ResponseValue<T>, SdkError<E>>,
    ) -> ApiError<E> {
        match self.checked(operation, result) {
            Err(SdkError::Api(e)) => *e,
            Ok(response) => panic!(
                "{operation}: expected a documented error, got {}",
                response.status()
            ),
            Err(e) => panic!("{operation}: expected a documented error, got: {e}"),
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // Killed rather than asked to stop: Prism keeps nothing worth flushing, and the
        // process must not outlive a test that panicked.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.spec);
    }
}

/// Prism's command, as npm installs it.
fn prism_program() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/.bin/prism")
}

/// Reads `stream` line by line into `log` on a thread of its own (a full pipe would stop
/// Prism), and sends the base URL once Prism says it listens.
fn collect(
    stream: impl Read + Send + 'static,
    log: Log,
    mut listening: Option<mpsc::Sender<String>>,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).split(b'\n') {
            let Ok(line) = line else { break };
            let line = String::from_utf8_lossy(&line).trim_end().to_owned();
            if let Some(url) = listening_url(&line)
                && let Some(sender) = listening.take()
            {
                let _ = sender.send(url);
            }
            log.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(line);
        }
    })
}

/// The base URL in Prism's `Prism is listening on http://127.0.0.1:PORT` line.
fn listening_url(line: &str) -> Option<String> {
    let (_, rest) = line.split_once("Prism is listening on ")?;
    let (_, port) = rest.split_once("http://127.0.0.1:")?;
    let digits: String = port.chars().take_while(char::is_ascii_digit).collect();
    let port: u16 = digits.parse().ok()?;
    Some(format!("http://127.0.0.1:{port}"))
}

/// What Prism found wrong with the request behind a response, or `None` if nothing.
///
/// Prism lists the violations of the document in the `sl-violations` header. It then still
/// answers with the document's 400 example (the document declares 400), so neither the
/// status nor the body tells a rejected request from a 400 that a call asked for. Requests
/// that Prism cannot match at all (unknown path or method, a failed security check) get an
/// `application/problem+json` error of Prism's own, a media type the document never uses.
pub fn violations(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    if let Some(value) = headers.get("sl-violations") {
        return Some(String::from_utf8_lossy(value.as_bytes()).into_owned());
    }
    let content_type = headers
        .get(CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).to_ascii_lowercase());
    if content_type.is_some_and(|c| c.starts_with("application/problem+json")) {
        return Some(format!(
            "Prism answered with its own error: {}",
            String::from_utf8_lossy(body)
        ));
    }
    None
}

/// Writes [`prism_spec`] to a file of its own in the system's temporary folder; the
/// [`Prism`] that serves it removes it.
fn write_prism_spec(overlays: bool) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "clerk-api-keys-prism-{}-{}.json",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    let text = serde_json::to_vec_pretty(&prism_spec(overlays)).expect("a JSON value serializes");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_port_from_prisms_listening_line() {
        let line =
            "[10:39:20 PM] › [CLI] ▶  start     Prism is listening on http://127.0.0.1:46373";
        assert_eq!(
            listening_url(line).as_deref(),
            Some("http://127.0.0.1:46373")
        );
        let route = "[CLI] ℹ  info      GET        http://127.0.0.1:46373/api_keys";
        assert_eq!(listening_url(route), None);
    }
}
