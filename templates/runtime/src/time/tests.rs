use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Millis, Seconds, UnixTime};

/// What a setter that takes `impl Into<T>` does with its argument.
fn into<T>(value: impl Into<T>) -> T {
    value.into()
}

#[test]
fn a_span_takes_a_count_or_a_duration_rounded_up() {
    let days: u64 = 3;
    assert_eq!(into::<Seconds>(days * 86_400).get(), 259_200);
    // A bare literal is a `u64`: the only integer a span converts from.
    assert_eq!(into::<Seconds>(86_400), Seconds::new(86_400));
    assert_eq!(into::<Seconds>(Duration::from_millis(1_500)).get(), 2);
    assert_eq!(into::<Millis>(Duration::from_micros(1_001)).get(), 2);
    assert_eq!(into::<Millis>(Duration::MAX).get(), u64::MAX);
    assert_eq!(
        Duration::from(Millis::new(1_500)),
        Duration::from_millis(1_500)
    );
    assert_eq!(serde_json::to_string(&Seconds::new(60)).unwrap(), "60");
    assert_eq!(
        serde_json::from_str::<Millis>("250").unwrap(),
        Millis::new(250)
    );
    assert!(serde_json::from_str::<Seconds>("-1").is_err());
    assert_eq!(Seconds::new(60).to_string(), "60");
}

#[test]
fn a_time_round_trips_its_count_and_compares_with_system_time_exactly() {
    let time: UnixTime<Millis> = serde_json::from_str("1762732800000").unwrap();
    assert_eq!(time.count(), 1_762_732_800_000);
    assert_eq!(serde_json::to_string(&time).unwrap(), "1762732800000");
    assert_eq!(format!("{time:?}"), "UnixTime(1762732800000 ms)");
    assert_eq!(time.to_string(), "1762732800000");

    let system = UNIX_EPOCH + Duration::from_millis(1_762_732_800_000);
    assert_eq!(time.to_system_time(), Some(system));
    assert_eq!(time, system);
    assert_eq!(system, time);
    assert!(time < system + Duration::from_nanos(1));
    assert!(time > system - Duration::from_nanos(1));
    assert!(system + Duration::from_micros(1) > time);
    assert!(time < SystemTime::now());
    assert_eq!(
        UnixTime::<Millis>::from(system + Duration::from_micros(999)),
        time
    );

    let seconds: UnixTime<Seconds> = into(system);
    assert_eq!(seconds.count(), 1_762_732_800);
    assert_eq!(into::<UnixTime<Seconds>>(1_762_732_800), seconds);
}

#[test]
fn a_time_before_the_epoch_rounds_toward_the_past() {
    let before = UNIX_EPOCH - Duration::from_millis(1_500);
    let seconds = UnixTime::<Seconds>::from(before);
    assert_eq!(seconds.count(), -2);
    assert!(seconds < before);
    assert_eq!(
        UnixTime::<Millis>::from_count(-1_500).to_system_time(),
        Some(before)
    );
    assert_eq!(UnixTime::<Millis>::from(before), before);
}
