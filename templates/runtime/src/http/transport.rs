//! Why an attempt got no response: the crate's own error type for it, so that users can build
//! one in a test and read what matters (was the request written? can retrying help?) without
//! knowing the HTTP client's errors.

use std::fmt;

use super::hooks::BoxError;

/// What kind of failure left an attempt without a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection was made: refused, unreachable, or a name that did not resolve. Nothing
    /// was sent, and a later attempt may succeed.
    Connect,
    /// The TLS handshake failed, a certificate was refused among other reasons. Nothing was
    /// sent, and retrying cannot help.
    Tls,
    /// The attempt took longer than its timeout (or ran into the call's deadline).
    Timeout,
    /// The connection was closed or reset during the exchange, after the request may have
    /// been written.
    Reset,
    /// The HTTP client could not build the request (a URL or header it refuses). Nothing was
    /// sent, and retrying cannot help.
    Build,
    /// Anything else, such as a response body that could not be read or too many redirects.
    Other,
}

/// Why an attempt got no response: its [`kind`](Self::kind), whether the request may have
/// reached the server ([`maybe_processed`](Self::maybe_processed)), and the HTTP client's
/// error as its [`source`](std::error::Error::source) when there is one.
///
/// Build one with [`new`](Self::new) to make a test double fail the way the network does.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportKind,
    sent: bool,
    source: Option<BoxError>,
}

impl TransportError {
    /// A failure of this kind. Whether the request may have reached the server follows from
    /// the kind: not for [`Connect`](TransportKind::Connect), [`Tls`](TransportKind::Tls)
    /// and [`Build`](TransportKind::Build), which fail before anything is written; maybe for
    /// the others. [`with_sent`](Self::with_sent) says otherwise, for a timeout while
    /// connecting, say.
    pub fn new(kind: TransportKind) -> Self {
        let sent = !matches!(
            kind,
            TransportKind::Connect | TransportKind::Tls | TransportKind::Build
        );
        TransportError {
            kind,
            sent,
            source: None,
        }
    }

    /// The same failure, saying whether the request may have been written before it
    /// (`false`: certainly not).
    pub fn with_sent(mut self, sent: bool) -> Self {
        self.sent = sent;
        self
    }

    /// The same failure, with the error that caused it as its `source()`.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> TransportKind {
        self.kind
    }

    /// Whether the request may have reached the server, and so may have been carried out:
    /// `false` only when it certainly was not written.
    pub fn maybe_processed(&self) -> bool {
        self.sent
    }

    /// Whether the same request may get a response if made again: a connection that failed,
    /// was reset or timed out; not a TLS failure or a request the client could not build.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            TransportKind::Connect | TransportKind::Timeout | TransportKind::Reset
        )
    }

    /// Whether the attempt timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportKind::Timeout
    }

    /// The failure reqwest reported, classified, and kept as the source.
    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        let connect = error.is_connect();
        let kind = if error.is_builder() {
            TransportKind::Build
        } else if error.is_timeout() {
            TransportKind::Timeout
        } else if connect && is_tls(&error) {
            TransportKind::Tls
        } else if connect {
            TransportKind::Connect
        } else if error.is_request() || error.is_body() {
            TransportKind::Reset
        } else {
            TransportKind::Other
        };
        // A timeout while connecting (reqwest's `connect_timeout`) wrote nothing.
        TransportError::new(kind)
            .with_sent(!connect && kind != TransportKind::Build)
            .with_source(error)
    }
}

/// Whether a connection failed in its TLS handshake. rustls (through tokio-rustls) reports
/// every TLS failure, certificates included, as an I/O error of kind `InvalidData`, a kind
/// that connecting and name resolution do not use. The platform's TLS (`native-tls`) reports
/// its failures in types of its own, which this crate does not depend on: they count as
/// connection failures.
fn is_tls(error: &reqwest::Error) -> bool {
    let mut source = std::error::Error::source(error);
    while let Some(error) = source {
        // An I/O error's `source()` is its inner error's source, not the inner error: an
        // I/O error wrapped in another (hyper's connector does so) is read through `get_ref`.
        let mut io = error.downcast_ref::<std::io::Error>();
        while let Some(inner) = io {
            if inner.kind() == std::io::ErrorKind::InvalidData {
                return true;
            }
            io = inner.get_ref().and_then(|e| e.downcast_ref());
        }
        source = error.source();
    }
    false
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match (self.kind, self.sent) {
            (TransportKind::Connect, _) => "could not connect to the server",
            (TransportKind::Tls, _) => "the TLS handshake with the server failed",
            (TransportKind::Timeout, false) => "the request timed out before it was sent",
            (TransportKind::Timeout, true) => "the request timed out",
            (TransportKind::Reset, _) => "the connection was closed before the whole response came",
            (TransportKind::Build, _) => "the HTTP client could not build the request",
            (TransportKind::Other, _) => "the request failed without a response",
        })
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests;
