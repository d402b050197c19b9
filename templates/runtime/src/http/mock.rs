//! Test doubles for code that calls the API, without a network (the `test-util` feature):
//! rules, typed per operation, that answer a client's calls instead of a server.
//!
//! A rule is made with [`mock`], named by the operation's request builder, narrowed with
//! [`match_requests`](Rule::match_requests) and given its answers with the `then_…`
//! methods: a success ([`then_output`](Rule::then_output)), a documented error
//! ([`then_error`](Rule::then_error)), any HTTP answer
//! ([`then_http_response`](Rule::then_http_response)), a timeout
//! ([`then_timeout`](Rule::then_timeout)) or another failure without a response
//! ([`then_transport_error`](Rule::then_transport_error)). The client builder's `mock(&rule)`
//! adds it to a client, whose every call is then answered by the first rule that matches
//! it; a call that none matches panics, naming the request, so that a test that forgot a
//! rule fails loudly. [`num_calls`](Rule::num_calls) counts the calls a rule answered.
//!
//! The answers go through everything a real response does: the retry policy, the hooks,
//! `tracing`, decoding into the operation's types and the errors, request ids included. Only
//! the connection is left out: no socket is opened and no time passes but the retry delays.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::{Method, StatusCode, Url};

use super::details::Printing;
use super::payload::Payload;
use super::request::Request;
use super::transport::{TransportError, TransportKind};
use super::RawResponse;

/// An operation, as rules name it: implemented by each operation's request builder.
pub trait Operation {
    /// The operation's `operationId`.
    const ID: &'static str;
    /// Its path template (`/api_keys/{apiKeyID}`), which names the path parameters.
    const PATH: &'static str;
    /// What its `send()` succeeds with, inside the `ResponseValue`.
    type Output: 'static;
    /// Its error type, one variant per documented error status.
    type Error: 'static;
    /// The answer that `send()` reads as `output`: its documented success status and body.
    fn output(output: &Self::Output) -> HttpResponse;
    /// The answer that `send()` reads as `error`: its documented status and body.
    fn error(error: &Self::Error) -> HttpResponse;
}

/// A rule for the calls of the operation `O`, with no condition and no answer yet.
pub fn mock<O: Operation>() -> Rule<O> {
    Rule {
        matcher: None,
        answers: Vec::new(),
        calls: Arc::new(AtomicUsize::new(0)),
        operation: PhantomData,
    }
}

type Matcher = dyn Fn(&MockRequest<'_>) -> bool + Send + Sync;
type Answer = dyn Fn() -> Result<HttpResponse, TransportError> + Send + Sync;

/// Answers the calls of the operation `O` that match its condition. Its answers are given in
/// order, one call each, and the last one answers every later call. Clones share the count
/// of calls, so a test keeps one and gives the client another.
pub struct Rule<O> {
    matcher: Option<Arc<Matcher>>,
    answers: Vec<Arc<Answer>>,
    calls: Arc<AtomicUsize>,
    operation: PhantomData<fn() -> O>,
}

impl<O: Operation> Rule<O> {
    /// Answers only the calls for which `condition` is true (every call of `O` otherwise).
    pub fn match_requests(
        mut self,
        condition: impl Fn(&MockRequest<'_>) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.matcher = Some(Arc::new(condition));
        self
    }

    /// Answers a call with a success whose body is `output()`, under the operation's
    /// documented success status.
    pub fn then_output(self, output: impl Fn() -> O::Output + Send + Sync + 'static) -> Self {
        self.then(move || Ok(O::output(&output())))
    }

    /// Answers a call with the documented error `error()`: its status and body.
    pub fn then_error(self, error: impl Fn() -> O::Error + Send + Sync + 'static) -> Self {
        self.then(move || Ok(O::error(&error())))
    }

    /// Answers a call with `response()`, any status, headers and body: an undocumented `502`
    /// from a proxy, a `429` with `Retry-After`, a body that does not decode.
    pub fn then_http_response(
        self,
        response: impl Fn() -> HttpResponse + Send + Sync + 'static,
    ) -> Self {
        self.then(move || Ok(response()))
    }

    /// Fails a call with a timeout after its request was written, at once.
    pub fn then_timeout(self) -> Self {
        self.then(|| Err(TransportError::new(TransportKind::Timeout)))
    }

    /// Fails a call without a response: a refused connection, a reset after the request was
    /// written, a TLS failure (see [`TransportError::new`]).
    pub fn then_transport_error(
        self,
        error: impl Fn() -> TransportError + Send + Sync + 'static,
    ) -> Self {
        self.then(move || Err(error()))
    }

    fn then(
        mut self,
        answer: impl Fn() -> Result<HttpResponse, TransportError> + Send + Sync + 'static,
    ) -> Self {
        self.answers.push(Arc::new(answer));
        self
    }
}

impl<O> Rule<O> {
    /// How many calls this rule answered, retries included.
    pub fn num_calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl<O> Clone for Rule<O> {
    fn clone(&self) -> Self {
        Rule {
            matcher: self.matcher.clone(),
            answers: self.answers.clone(),
            calls: Arc::clone(&self.calls),
            operation: PhantomData,
        }
    }
}

impl<O: Operation> fmt::Debug for Rule<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("operation", &O::ID)
            .field("conditional", &self.matcher.is_some())
            .field("answers", &self.answers.len())
            .field("calls", &self.num_calls())
            .finish()
    }
}

/// A rule without its operation's type, as a client holds it.
#[derive(Clone)]
struct AnyRule {
    operation: &'static str,
    path: &'static str,
    matcher: Option<Arc<Matcher>>,
    answers: Vec<Arc<Answer>>,
    calls: Arc<AtomicUsize>,
}

/// The rules a client answers its calls with, in the order they were added.
#[derive(Clone, Default)]
pub(crate) struct Rules(Vec<AnyRule>);

impl Rules {
    pub(crate) fn push<O: Operation>(&mut self, rule: &Rule<O>) {
        self.0.push(AnyRule {
            operation: O::ID,
            path: O::PATH,
            matcher: rule.matcher.clone(),
            answers: rule.answers.clone(),
            calls: Arc::clone(&rule.calls),
        });
    }

    /// The answer of the first rule that matches the request, as the call reads it.
    ///
    /// # Panics
    ///
    /// When no rule matches, or the one that does has no answer: the test lacks a rule.
    pub(crate) fn answer(
        &self,
        request: &Request,
        url: &Url,
        headers: &HeaderMap,
        printing: Printing,
    ) -> Result<RawResponse, TransportError> {
        let rules = self.0.iter().filter(|r| r.operation == request.operation);
        for rule in rules {
            let mock = MockRequest {
                request,
                url,
                headers,
                template: rule.path,
            };
            if !rule.matcher.as_ref().is_none_or(|matches| matches(&mock)) {
                continue;
            }
            let call = rule.calls.fetch_add(1, Ordering::SeqCst);
            let Some(answer) = rule.answers.get(call).or(rule.answers.last()) else {
                panic!("the mock rule for `{}` has no answer", request.operation);
            };
            return answer().map(|response| response.into_raw(printing));
        }
        panic!(
            "no mock rule answers `{}`: {} {url}",
            request.operation, request.method
        );
    }
}

impl fmt::Debug for Rules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|r| r.operation))
            .finish()
    }
}

/// A call as a rule's condition sees it: what the client would have sent.
#[derive(Debug)]
pub struct MockRequest<'a> {
    request: &'a Request,
    url: &'a Url,
    headers: &'a HeaderMap,
    template: &'static str,
}

impl<'a> MockRequest<'a> {
    /// The operation's `operationId`.
    pub fn operation(&self) -> &'static str {
        self.request.operation
    }

    /// The request method.
    pub fn method(&self) -> &'a Method {
        &self.request.method
    }

    /// The request URL, with its query (API keys that travel in the query left out).
    pub fn url(&self) -> &'a Url {
        self.url
    }

    /// The value of the path parameter `name` (`apiKeyID` in `/api_keys/{apiKeyID}`), as it
    /// was given, before percent-encoding.
    pub fn path_param(&self, name: &str) -> Option<&'a str> {
        let template = self.template.split('/').filter(|s| !s.is_empty());
        template
            .zip(&self.request.path)
            .find_map(|(pattern, segment)| param(pattern, segment, name))
    }

    /// The first value of the query parameter `name`, before percent-encoding.
    pub fn query_param(&self, name: &str) -> Option<&'a str> {
        self.query_params(name).next()
    }

    /// Every value of the query parameter `name`, in order.
    pub fn query_params<'n>(&self, name: &'n str) -> impl Iterator<Item = &'a str> + 'n
    where
        'a: 'n,
    {
        let query: &'a [(Cow<'static, str>, String)] = &self.request.query;
        (query.iter())
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of the header `name` as text, credentials included.
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// Every header the attempt carries, after the `before_attempt` hooks.
    pub fn headers(&self) -> &'a HeaderMap {
        self.headers
    }

    /// The body's bytes: JSON, text or bytes; `None` for no body, a form or a multipart body.
    pub fn body(&self) -> Option<&'a [u8]> {
        match self.request.body.as_ref()? {
            Payload::Raw { bytes, .. } => Some(bytes),
            _ => None,
        }
    }

    /// The body as JSON, when it is JSON.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(self.body()?).ok()
    }

    /// The first value of the field `name` of a form-urlencoded body.
    pub fn form_param(&self, name: &str) -> Option<&'a str> {
        let Some(Payload::Form(pairs)) = self.request.body.as_ref() else {
            return None;
        };
        (pairs.iter())
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The value of the parameter `name` in a path segment, when `pattern`, its template
/// segment, names it: the text between the literal parts around it. A parameter after
/// another in one segment (`{a}-{b}`) is found only when the first is asked for.
fn param<'s>(pattern: &str, segment: &'s str, name: &str) -> Option<&'s str> {
    let placeholder = format!("{{{name}}}");
    let at = pattern.find(&placeholder)?;
    let (before, after) = (&pattern[..at], &pattern[at + placeholder.len()..]);
    if before.contains('{') {
        return None;
    }
    let rest = segment.strip_prefix(before)?;
    // The literal text up to the next parameter ends this one.
    let until = after.split('{').next().unwrap_or_default();
    let end = match until.is_empty() {
        true => rest.len(),
        false => rest.find(until)?,
    };
    Some(&rest[..end])
}

/// An HTTP answer a rule gives: status, headers and body.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
}

impl HttpResponse {
    /// An answer with this status, no header and an empty body.
    ///
    /// # Panics
    ///
    /// When `status` is not an HTTP status (100 to 999).
    pub fn new(status: u16) -> Self {
        let status = StatusCode::from_u16(status)
            .unwrap_or_else(|_| panic!("{status} is not an HTTP status"));
        HttpResponse {
            status,
            headers: HeaderMap::new(),
            body: bytes::Bytes::new(),
        }
    }

    /// An answer with this status and `value` as a JSON body of the media type `media_type`.
    ///
    /// # Panics
    ///
    /// When `value` does not serialize to JSON (a map whose keys are not strings).
    pub fn json(status: u16, media_type: &str, value: &impl serde::Serialize) -> Self {
        let body = serde_json::to_vec(value)
            .unwrap_or_else(|e| panic!("a mock answer does not serialize to JSON: {e}"));
        HttpResponse::new(status)
            .header(CONTENT_TYPE.as_str(), media_type)
            .body(body)
    }

    /// The same answer with the header `name: value` added.
    ///
    /// # Panics
    ///
    /// When `name` or `value` is not valid in a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name =
            HeaderName::try_from(name).unwrap_or_else(|_| panic!("`{name}` is not a header name"));
        let value = HeaderValue::try_from(value)
            .unwrap_or_else(|_| panic!("the value of `{name}` is not a header value"));
        self.headers.append(name, value);
        self
    }

    /// The same answer with this body.
    pub fn body(mut self, body: impl Into<bytes::Bytes>) -> Self {
        self.body = body.into();
        self
    }

    fn into_raw(self, printing: Printing) -> RawResponse {
        RawResponse {
            status: self.status,
            headers: self.headers,
            body: self.body,
            printing,
        }
    }
}

#[cfg(test)]
mod tests;
