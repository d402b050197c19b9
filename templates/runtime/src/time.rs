//! Spans and points of time as an API counts them: in whole seconds or milliseconds.
//!
//! An integer that the API description marks `x-duration` is a [`Seconds`] or a [`Millis`],
//! which a plain count (`u64`) and a [`Duration`] both convert into; one marked `x-unix-time`
//! is a [`UnixTime`], counted from the Unix epoch, which a count (`i64`) and a [`SystemTime`]
//! convert into and which compares with a `SystemTime`. On the wire each is the integer itself.
//!
//! They are small types of the crate rather than a date-time library's, so that the crate's
//! public API ties its users to no such library: a `SystemTime` converts into `jiff`'s,
//! `chrono`'s and `time`'s types alike.

use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A unit in which an API counts time: [`Seconds`] or [`Millis`].
pub trait TimeUnit: sealed::Sealed + Copy + Ord + Default + fmt::Debug + Send + Sync {
    /// How many of the unit make a second.
    const PER_SECOND: u32;
    /// The unit's symbol, as `Debug` writes it: `s`, `ms`.
    const SYMBOL: &'static str;
}

mod sealed {
    /// Only this module's units count time: a `UnixTime` of another type would mean nothing.
    pub trait Sealed {}
    impl Sealed for super::Seconds {}
    impl Sealed for super::Millis {}
}

/// A span of time in whole seconds, as the API counts it. A setter that takes
/// `impl Into<Seconds>` takes a count, `.lifetime(days * 86_400)`, or a [`Duration`],
/// `.lifetime(Duration::from_secs(3_600))`; a `Duration` with a fraction of a second is
/// rounded up, so that it is never shorter than asked.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Seconds(u64);

impl Seconds {
    /// A span of `count` seconds.
    pub const fn new(count: u64) -> Seconds {
        Seconds(count)
    }

    /// The number of seconds.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The span as a [`Duration`].
    pub const fn as_duration(self) -> Duration {
        Duration::from_secs(self.0)
    }
}

impl TimeUnit for Seconds {
    const PER_SECOND: u32 = 1;
    const SYMBOL: &'static str = "s";
}

impl From<u64> for Seconds {
    fn from(count: u64) -> Seconds {
        Seconds(count)
    }
}

impl From<Duration> for Seconds {
    /// Whole seconds, a fraction rounded up (and `u64::MAX` seconds at most).
    fn from(span: Duration) -> Seconds {
        Seconds(whole_units(span, Seconds::PER_SECOND))
    }
}

impl From<Seconds> for Duration {
    fn from(span: Seconds) -> Duration {
        span.as_duration()
    }
}

impl fmt::Display for Seconds {
    /// The count, as the wire has it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A span of time in whole milliseconds, as the API counts it: `impl Into<Millis>` takes a
/// count or a [`Duration`] (a fraction of a millisecond rounded up), as [`Seconds`] does.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Millis(u64);

impl Millis {
    /// A span of `count` milliseconds.
    pub const fn new(count: u64) -> Millis {
        Millis(count)
    }

    /// The number of milliseconds.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The span as a [`Duration`].
    pub const fn as_duration(self) -> Duration {
        Duration::from_millis(self.0)
    }
}

impl TimeUnit for Millis {
    const PER_SECOND: u32 = 1_000;
    const SYMBOL: &'static str = "ms";
}

impl From<u64> for Millis {
    fn from(count: u64) -> Millis {
        Millis(count)
    }
}

impl From<Duration> for Millis {
    /// Whole milliseconds, a fraction rounded up (and `u64::MAX` milliseconds at most).
    fn from(span: Duration) -> Millis {
        Millis(whole_units(span, Millis::PER_SECOND))
    }
}

impl From<Millis> for Duration {
    fn from(span: Millis) -> Duration {
        span.as_duration()
    }
}

impl fmt::Display for Millis {
    /// The count, as the wire has it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// The nanoseconds in one unit of which `per_second` make a second.
fn nanos_per_unit(per_second: u32) -> u128 {
    1_000_000_000 / u128::from(per_second)
}

/// A span in whole units, a fraction rounded up, `u64::MAX` at most.
fn whole_units(span: Duration, per_second: u32) -> u64 {
    let units = span.as_nanos().div_ceil(nanos_per_unit(per_second));
    u64::try_from(units).unwrap_or(u64::MAX)
}

/// A point in time, counted in `U` ([`Seconds`] or [`Millis`]) from the Unix epoch
/// (1970-01-01T00:00:00Z), as the API counts it: `UnixTime<Millis>` is a time in
/// milliseconds.
///
/// It compares with a [`SystemTime`] (`key.expiration <= SystemTime::now()`), converts into
/// one with [`to_system_time`](Self::to_system_time), and a `SystemTime` or a count (`i64`)
/// converts into it. `Display` writes the count, as the wire has it.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct UnixTime<U> {
    count: i64,
    #[serde(skip)]
    unit: PhantomData<U>,
}

impl<U: TimeUnit> UnixTime<U> {
    /// The time `count` units after the epoch (before it when negative).
    pub const fn from_count(count: i64) -> UnixTime<U> {
        UnixTime {
            count,
            unit: PhantomData,
        }
    }

    /// The number of units since the epoch.
    pub const fn count(self) -> i64 {
        self.count
    }

    /// The current time, in whole units (rounded toward the past).
    pub fn now() -> UnixTime<U> {
        SystemTime::now().into()
    }

    /// The time as a [`SystemTime`]; `None` only beyond what the platform's `SystemTime`
    /// holds (hundreds of millions of years away on Unix, and before 1601 on Windows).
    pub fn to_system_time(self) -> Option<SystemTime> {
        let span = |count: u64| {
            let per_second = u64::from(U::PER_SECOND);
            let nanos = (count % per_second) * (1_000_000_000 / per_second);
            Duration::new(count / per_second, nanos as u32)
        };
        match u64::try_from(self.count) {
            Ok(after) => UNIX_EPOCH.checked_add(span(after)),
            Err(_) => UNIX_EPOCH.checked_sub(span(self.count.unsigned_abs())),
        }
    }

    /// `time` in whole units from the epoch (rounded toward the past), and whether it lies a
    /// fraction of a unit after that.
    fn units_of(time: SystemTime) -> (i128, bool) {
        let per_unit = nanos_per_unit(U::PER_SECOND);
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => {
                let nanos = after.as_nanos();
                ((nanos / per_unit) as i128, nanos % per_unit != 0)
            }
            Err(before) => {
                let nanos = before.duration().as_nanos();
                let (whole, fraction) = ((nanos / per_unit) as i128, nanos % per_unit != 0);
                (-whole - i128::from(fraction), fraction)
            }
        }
    }
}

impl<U: TimeUnit> From<i64> for UnixTime<U> {
    fn from(count: i64) -> UnixTime<U> {
        UnixTime::from_count(count)
    }
}

impl<U: TimeUnit> From<SystemTime> for UnixTime<U> {
    /// Whole units, rounded toward the past (and within `i64`).
    fn from(time: SystemTime) -> UnixTime<U> {
        let (units, _) = UnixTime::<U>::units_of(time);
        let count = i64::try_from(units).unwrap_or(if units < 0 { i64::MIN } else { i64::MAX });
        UnixTime::from_count(count)
    }
}

impl<U: TimeUnit> PartialEq<SystemTime> for UnixTime<U> {
    fn eq(&self, other: &SystemTime) -> bool {
        self.partial_cmp(other) == Some(Ordering::Equal)
    }
}

impl<U: TimeUnit> PartialOrd<SystemTime> for UnixTime<U> {
    /// Exact: a `SystemTime` a fraction of a unit after this time is later.
    fn partial_cmp(&self, other: &SystemTime) -> Option<Ordering> {
        let (units, fraction) = UnixTime::<U>::units_of(*other);
        Some(match i128::from(self.count).cmp(&units) {
            Ordering::Equal if fraction => Ordering::Less,
            order => order,
        })
    }
}

impl<U: TimeUnit> PartialEq<UnixTime<U>> for SystemTime {
    fn eq(&self, other: &UnixTime<U>) -> bool {
        other == self
    }
}

impl<U: TimeUnit> PartialOrd<UnixTime<U>> for SystemTime {
    fn partial_cmp(&self, other: &UnixTime<U>) -> Option<Ordering> {
        other.partial_cmp(self).map(Ordering::reverse)
    }
}

impl<U: TimeUnit> fmt::Debug for UnixTime<U> {
    /// `UnixTime(1762732800000 ms)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnixTime({} {})", self.count, U::SYMBOL)
    }
}

impl<U: TimeUnit> fmt::Display for UnixTime<U> {
    /// The count, as the wire has it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.count, f)
    }
}

#[cfg(test)]
mod tests;
