use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;

use super::Error;

/// The number types an API uses for offsets and counts, as item counts.
pub(crate) trait Count {
    /// The count this value stands for; negative and non-finite values count as zero.
    fn to_count(self) -> u64;
    fn from_count(count: u64) -> Self;
}

impl Count for f64 {
    fn to_count(self) -> u64 {
        // `as` saturates: NaN and negative values become 0, huge ones u64::MAX.
        self as u64
    }

    fn from_count(count: u64) -> Self {
        count as f64
    }
}

impl Count for i64 {
    fn to_count(self) -> u64 {
        u64::try_from(self).unwrap_or(0)
    }

    fn from_count(count: u64) -> Self {
        i64::try_from(count).unwrap_or(i64::MAX)
    }
}

impl Count for i32 {
    fn to_count(self) -> u64 {
        u64::try_from(self).unwrap_or(0)
    }

    fn from_count(count: u64) -> Self {
        i32::try_from(count).unwrap_or(i32::MAX)
    }
}

struct Pages<T, F> {
    fetch: F,
    /// The offset of the next page to fetch.
    offset: u64,
    /// Items fetched and not yet yielded.
    items: VecDeque<T>,
    done: bool,
}

/// The items of every page, from `start` on. `fetch(offset)` gets the page at `offset` with its
/// items and the total count of items. The stream ends after the page that reaches the total,
/// at an empty page, or after yielding the first error.
pub(crate) fn by_offset<T, E, F, Fut>(start: u64, fetch: F) -> impl Stream<Item = Result<T, Error<E>>>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, u64), Error<E>>>,
{
    let pages = Pages { fetch, offset: start, items: VecDeque::new(), done: false };
    futures_util::stream::unfold(pages, |mut pages| async move {
        loop {
            if let Some(item) = pages.items.pop_front() {
                return Some((Ok(item), pages));
            }
            if pages.done {
                return None;
            }
            match (pages.fetch)(pages.offset).await {
                Ok((items, total)) => {
                    pages.offset = pages.offset.saturating_add(items.len() as u64);
                    pages.done = items.is_empty() || pages.offset >= total;
                    pages.items.extend(items);
                }
                Err(error) => {
                    pages.done = true;
                    return Some((Err(error), pages));
                }
            }
        }
    })
}
