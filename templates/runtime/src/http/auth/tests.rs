use super::*;

const SCHEMES: &[Scheme] = &[
    Scheme {
        name: "token",
        setter: "token_auth",
        kind: SchemeKind::Bearer,
    },
    Scheme {
        name: "login",
        setter: "login_auth",
        kind: SchemeKind::Basic,
    },
    Scheme {
        name: "key",
        setter: "key_auth",
        kind: SchemeKind::Query("api_key"),
    },
    Scheme {
        name: "session",
        setter: "session_auth",
        kind: SchemeKind::Cookie("__session"),
    },
    Scheme {
        name: "app",
        setter: "app_auth",
        kind: SchemeKind::Header("X-App-Key"),
    },
];

fn shown(wires: &[Wire]) -> Vec<String> {
    wires
        .iter()
        .map(|wire| match wire {
            Wire::Header(name, value) => {
                assert!(value.is_sensitive());
                format!("{name}: {}", value.to_str().unwrap())
            }
            Wire::Query(name, value) => format!("?{name}={value}"),
            Wire::Cookie(pair) => format!("cookie {pair}"),
        })
        .collect()
}

fn call(credentials: &Ready, security: &[&[&'static str]]) -> Result<Vec<String>, String> {
    let wires = futures_util::FutureExt::now_or_never(credentials.for_call("op", security))
        .expect("no provider waits");
    wires.map(|w| shown(&w)).map_err(|e| e.to_string())
}

#[test]
fn a_call_sends_the_first_alternative_the_client_holds_whole() {
    let mut credentials = Credentials::default();
    credentials.secret("key", "k1".into());
    credentials.secret("session", "s1".into());
    credentials.basic("login", "ada".into(), "pw".into());
    let ready = credentials.ready(SCHEMES).unwrap();
    // `token` is not held, so the combination of `key` and `session` is sent.
    let security: &[&[&str]] = &[&["token"], &["key", "session"], &["login"]];
    assert_eq!(
        call(&ready, security).unwrap(),
        ["?api_key=k1", "cookie __session=s1"]
    );
    assert_eq!(
        call(&ready, &[&["login"]]).unwrap(),
        ["authorization: Basic YWRhOnB3"]
    );
    // An empty alternative makes credentials optional: sent when held, none otherwise.
    assert_eq!(call(&ready, &[&[], &["key"]]).unwrap(), ["?api_key=k1"]);
    assert!(call(&ready, &[&["token"], &[]]).unwrap().is_empty());
    assert!(call(&ready, &[]).unwrap().is_empty());
}

#[test]
fn a_call_without_the_credentials_it_needs_names_the_setters() {
    let mut credentials = Credentials::default();
    credentials.secret("app", "a".into());
    let ready = credentials.ready(SCHEMES).unwrap();
    let error = call(&ready, &[&["token"], &["key", "app"]]).unwrap_err();
    assert_eq!(
        error,
        "`op` needs credentials the client does not hold: set `token_auth`, or `key_auth` \
         and `app_auth` on the client builder"
    );
    assert_eq!(call(&ready, &[&["app"]]).unwrap(), ["x-app-key: a"]);
}

#[test]
fn bad_credentials_fail_when_the_client_is_built() {
    let ready = |scheme: &'static str, secret: &str| {
        let mut credentials = Credentials::default();
        credentials.secret(scheme, secret.into());
        credentials.ready(SCHEMES).map(|_| ())
    };
    assert_eq!(
        ready("token", " ").unwrap_err(),
        "the credential is blank, given to `token_auth`"
    );
    assert!(ready("token", "a\nb").is_err());
    assert!(ready("session", "a;b").is_err());
    assert!(ready("key", "any text & all").is_ok());
    let mut credentials = Credentials::default();
    credentials.basic("login", "a:b".into(), "pw".into());
    assert!(credentials.ready(SCHEMES).is_err());
}

#[test]
fn the_last_setter_wins_and_a_missing_variable_is_reported_by_build() {
    let mut credentials = Credentials::default();
    credentials.secret_env("token", "token_auth_env", "SDK_RUNTIME_TEST_UNSET_VARIABLE");
    let problem = credentials.clone().ready(SCHEMES).map(|_| ()).unwrap_err();
    assert_eq!(
        problem,
        "no credential for `token_auth_env`: the environment variable \
         `SDK_RUNTIME_TEST_UNSET_VARIABLE` is not set"
    );
    credentials.secret("token", "t".into());
    let ready = credentials.ready(SCHEMES).unwrap();
    assert_eq!(
        call(&ready, &[&["token"]]).unwrap(),
        ["authorization: Bearer t"]
    );
}

#[test]
fn debug_output_shows_no_secret() {
    let mut credentials = Credentials::default();
    credentials.secret("token", "sk_live_secret".into());
    credentials.provider("key", || async { Ok::<_, BoxError>("k".to_owned()) });
    assert_eq!(
        format!("{credentials:?}"),
        r#"{"token": <redacted>, "key": <provider>}"#
    );
    let ready = credentials.ready(SCHEMES).unwrap();
    assert_eq!(
        format!("{ready:?}"),
        r#"{"token": "<redacted bearer token>", "key": "<API key from a provider>"}"#
    );
}
