//! Client overhead: the generated SDK against the same calls written with plain `reqwest` +
//! `serde_json`, on a loopback server that answers canned bodies (see `bench/src/lib.rs`).
//!
//! Each iteration is one request, sent, answered and decoded on one current-thread runtime
//! (see `bench/src/lib.rs` for why the server shares it).
//!
//! `cargo bench -p bench --bench client`

use std::sync::LazyLock;

use bench::{KEY_ID, Loopback, PAGE_SIZE, Plain, SUBJECT};
use divan::Bencher;
use divan::counter::ItemsCount;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

struct Setup {
    runtime: tokio::runtime::Runtime,
    sdk: clerk_backend_api::Clerk,
    plain: Plain,
}

static SETUP: LazyLock<Setup> = LazyLock::new(|| {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let loopback: Loopback = bench::start(&runtime);
    let setup = Setup {
        runtime,
        sdk: bench::sdk_client(&loopback),
        plain: Plain::new(&loopback),
    };
    // Open each side's keep-alive connection before anything is timed.
    setup.runtime.block_on(async {
        let key = setup.sdk.api_keys().get_api_key(KEY_ID).send().await;
        key.expect("the SDK reaches the server");
        let key = setup.plain.get_api_key(KEY_ID).await;
        key.expect("plain reqwest reaches the server");
    });
    setup
});

/// One request per iteration, counted so that divan reports requests per second. Each of the
/// 1,000 samples times 10 requests, so that a scheduling hiccup on a busy machine moves one
/// sample rather than the median. The answer is dropped within the iteration, as a caller
/// would, so that "max alloc" is the peak memory of one request.
fn requests<O>(bencher: Bencher, call: impl Fn(&'static Setup) -> O + Sync) {
    let setup = &*SETUP;
    bencher
        .counter(ItemsCount::new(1usize))
        .bench(|| drop(divan::black_box(call(setup))));
}

/// `GET /api_keys/{id}`: one key, 16 fields.
mod get_api_key {
    use super::*;

    #[divan::bench(sample_count = 1000, sample_size = 10)]
    fn sdk(bencher: Bencher) {
        requests(bencher, |s| {
            let call = s.sdk.api_keys().get_api_key(KEY_ID).send();
            s.runtime.block_on(call).expect("the call succeeds")
        });
    }

    #[divan::bench(sample_count = 1000, sample_size = 10)]
    fn plain(bencher: Bencher) {
        requests(bencher, |s| {
            let call = s.plain.get_api_key(KEY_ID);
            s.runtime.block_on(call).expect("the call succeeds")
        });
    }
}

/// `GET /api_keys?subject=…&limit=10`: a page of ten keys, query parameters.
mod get_api_keys {
    use super::*;

    #[divan::bench(sample_count = 1000, sample_size = 10)]
    fn sdk(bencher: Bencher) {
        requests(bencher, |s| {
            let call = s
                .sdk
                .api_keys()
                .get_api_keys(SUBJECT)
                .limit(PAGE_SIZE as u32)
                .send();
            s.runtime.block_on(call).expect("the call succeeds")
        });
    }

    #[divan::bench(sample_count = 1000, sample_size = 10)]
    fn plain(bencher: Bencher) {
        requests(bencher, |s| {
            let call = s.plain.get_api_keys(SUBJECT, PAGE_SIZE as u32);
            s.runtime.block_on(call).expect("the call succeeds")
        });
    }
}

/// `POST /api_keys`: a JSON request body.
mod create_api_key {
    use super::*;

    #[divan::bench(sample_count = 1000, sample_size = 10)]
    fn sdk(bencher: Bencher) {
        requests(bencher, |s| {
            let call = s.sdk.api_keys().create_api_key("ci-deploy", SUBJECT).send();
            s.runtime.block_on(call).expect("the call succeeds")
        });
    }

    #[divan::bench(sample_count = 1000, sample_size = 10)]
    fn plain(bencher: Bencher) {
        requests(bencher, |s| {
            let call = s.plain.create_api_key("ci-deploy", SUBJECT);
            s.runtime.block_on(call).expect("the call succeeds")
        });
    }
}

/// Decoding alone, no HTTP: the page of `get_api_keys` into the SDK's model and into the
/// plain struct, to tell the models' share of the overhead from the client's.
mod decode_page {
    use super::*;

    static PAGE: LazyLock<Vec<u8>> =
        LazyLock::new(|| serde_json::to_vec(&bench::page_json()).expect("serializes"));

    #[divan::bench(sample_count = 1000, sample_size = 10)]
    fn sdk() {
        let page: clerk_backend_api::models::GetAPIKeysResponseBody =
            serde_json::from_slice(divan::black_box(&PAGE)).expect("decodes");
        drop(divan::black_box(page));
    }

    #[divan::bench(sample_count = 1000, sample_size = 10)]
    fn plain() {
        let page: bench::ApiKeyPage =
            serde_json::from_slice(divan::black_box(&PAGE)).expect("decodes");
        drop(divan::black_box(page));
    }
}
