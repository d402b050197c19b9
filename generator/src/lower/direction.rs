//! The lowering's last step: which structs are only ever received.
//!
//! A struct that is (or is part of) a response body or a webhook's payload, and of no request,
//! is only read by users,
//! so absent and `null` need not be told apart in it: its optional, nullable fields are one
//! `Option` (see [`crate::plan::Presence::of_field`]). A struct that a request carries, or that
//! no operation uses, keeps the three states a request needs.

use crate::ir::{Encoding, Type, TypeKind, Unnamed};

/// Marks the fields of the structs that only responses reach.
pub(super) fn mark_received_only(api: &mut Unnamed) {
    let mut sent = vec![false; api.types.len()];
    let mut received = vec![false; api.types.len()];
    for op in &api.operations {
        let mut requests: Vec<&Type> = op.params.iter().map(|p| &p.value.ty).collect();
        match op.body.as_ref().map(|b| &b.encoding) {
            Some(Encoding::Json(ty)) => requests.push(ty),
            Some(Encoding::Multipart(fields) | Encoding::Form(fields)) => {
                requests.extend(fields.iter().map(|f| &f.value.ty))
            }
            Some(Encoding::Text | Encoding::Bytes) | None => {}
        }
        for ty in requests {
            reach(api, ty, &mut sent);
        }
        let responses = op.responses.iter().filter_map(|r| r.body.as_ref()?.json());
        for ty in responses {
            reach(api, ty, &mut received);
        }
    }
    // A webhook's payload is received by the application the API calls.
    for webhook in &api.webhooks {
        reach(api, &webhook.payload, &mut received);
    }
    for (i, def) in api.types.iter_mut().enumerate() {
        if let TypeKind::Struct(fields) = &mut def.kind {
            for field in fields {
                field.received_only = received[i] && !sent[i];
            }
        }
    }
}

/// Marks in `seen` every named type a value of `ty` may contain, `ty`'s own included.
fn reach(api: &Unnamed, ty: &Type, seen: &mut [bool]) {
    api.walk(ty, |id| !std::mem::replace(&mut seen[id.0], true));
}
