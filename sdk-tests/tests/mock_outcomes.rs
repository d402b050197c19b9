//! Each operation's test doubles answer as the operation documents (`fixtures/responses`):
//! whatever success or documented error a rule gives, `send()` reads the same value back,
//! through the status and media type the generator chose for it (a success enum's variants,
//! a success with or without a body, bytes, a `2XX` range, an error without a body).

use fixture_responses::general::{
    DownloadExportBuilder, GetWidgetReportBuilder, GetWidgetReportSuccess, PutWidgetBuilder,
    PutWidgetError, PutWidgetSuccess, VerifyPasswordBuilder, VerifyPasswordError,
};
use fixture_responses::mock::mock;
use fixture_responses::models::{Check, Errors, ErrorsErrors, Widget, WidgetCreated};
use fixture_responses::{Client, ClientBuilder, RetryConfig, SdkError};

fn builder() -> ClientBuilder {
    Client::builder()
        .bearer_auth("sk_test_fixture")
        .retries(RetryConfig::none())
}

#[tokio::test]
async fn every_success_a_rule_gives_is_read_back_as_it_was() {
    let outputs = [
        PutWidgetSuccess::Ok(Widget::new("w1".into(), "Gear".into())),
        PutWidgetSuccess::Created(WidgetCreated::new("w1".into(), "/widgets/w1".into())),
        PutWidgetSuccess::NoContent,
    ];
    for output in outputs {
        let given = output.clone();
        let rule = mock::<PutWidgetBuilder>().then_output(move || given.clone());
        let client = builder().mock(&rule).build().expect("builds");
        let got = client.general().put_widget("w1", "Gear").send().await;
        assert_eq!(got.expect("a success").into_inner(), output);
    }

    let reports = [
        GetWidgetReportSuccess::Ok("id,name\nw1,Gear\n".into()),
        GetWidgetReportSuccess::Status2XX(Check::new(false)),
    ];
    for report in reports {
        let given = report.clone();
        let rule = mock::<GetWidgetReportBuilder>().then_output(move || given.clone());
        let client = builder().mock(&rule).build().expect("builds");
        let got = client.general().get_widget_report("w1").send().await;
        assert_eq!(got.expect("a success").into_inner(), report);
    }

    for verdict in [Some(Check::new(true)), None] {
        let given = verdict.clone();
        let rule = mock::<VerifyPasswordBuilder>().then_output(move || given.clone());
        let client = builder().mock(&rule).build().expect("builds");
        let got = client.general().verify_password("hunter2").send().await;
        assert_eq!(got.expect("a success").into_inner(), verdict);
    }

    let rule = mock::<DownloadExportBuilder>().then_output(|| "PK\u{3}\u{4}".into());
    let client = builder().mock(&rule).build().expect("builds");
    let got = client.general().download_export("e1").send().await;
    assert_eq!(got.expect("a success").into_inner(), "PK\u{3}\u{4}");
}

#[tokio::test]
async fn every_documented_error_a_rule_gives_is_read_back_as_it_was() {
    let errors = || Errors::new(vec![ErrorsErrors::new("too_short".into())]);
    let cases = [
        (VerifyPasswordError::BadRequest(errors()), 400),
        (VerifyPasswordError::UnprocessableEntity(errors()), 422),
        (VerifyPasswordError::InternalServerError, 500),
    ];
    for (error, status) in cases {
        let given = error.clone();
        let rule = mock::<VerifyPasswordBuilder>().then_error(move || given.clone());
        let client = builder().mock(&rule).build().expect("builds");
        let got = client.general().verify_password("hunter2").send().await;
        let Err(SdkError::Api(api)) = got else {
            panic!("expected a documented error, got {got:?}");
        };
        assert_eq!((api.status.as_u16(), api.error), (status, error));
    }
    let conflict = PutWidgetError::BadRequest(errors());
    let given = conflict.clone();
    let rule = mock::<PutWidgetBuilder>().then_error(move || given.clone());
    let client = builder().mock(&rule).build().expect("builds");
    let got = client.general().put_widget("w1", "Gear").send().await;
    assert_eq!(got.unwrap_err().api_error(), Some(&conflict));
}
