use quote::quote;

use super::{blank_marked_lines, rust_file};

/// The formatted file without its two header lines and the blank line after them.
fn body(tokens: proc_macro2::TokenStream) -> String {
    let text = rust_file(tokens, "test.yaml").unwrap();
    text.splitn(4, '\n').nth(3).unwrap().to_owned()
}

#[test]
fn items_are_separated_by_blank_lines_and_nothing_else_is() {
    let text = body(quote! {
        //! A module.
        #![allow(deprecated)]
        use std::fmt;
        use std::io;
        pub mod a;
        mod b;
        /// A struct.
        pub struct S {
            pub x: i32,
            pub y: i32,
        }
        impl S {
            /// One.
            pub fn one(&self) -> i32 {
                let a = 1;
                let b = 2;
                a + b
            }
            pub const TWO: i32 = 2;
        }
        pub enum E { A, B }
        mod inline {
            pub fn f() {}
            pub fn g() {}
        }
        trait T {
            fn a(&self);
            fn b(&self);
        }
    });
    let expected = "\
//! A module.
#![allow(deprecated)]

use std::fmt;
use std::io;

pub mod a;
mod b;

/// A struct.
pub struct S {
    pub x: i32,
    pub y: i32,
}

impl S {
    /// One.
    pub fn one(&self) -> i32 {
        let a = 1;
        let b = 2;
        a + b
    }

    pub const TWO: i32 = 2;
}

pub enum E {
    A,
    B,
}

mod inline {
    pub fn f() {}

    pub fn g() {}
}

trait T {
    fn a(&self);

    fn b(&self);
}
";
    assert_eq!(text, expected);
}

#[test]
fn a_file_without_inner_attributes_starts_with_its_first_item() {
    let text = body(quote!(
        pub struct A;
        pub struct B;
    ));
    assert_eq!(text, "pub struct A;\n\npub struct B;\n");
}

#[test]
fn string_literals_and_doc_comments_are_never_rewritten() {
    // Text that looks like the marker, inside a doc comment, a string and a raw string
    // spanning lines, stays as it is.
    let marker = format!("#[{}]", super::MARK);
    let literal = format!("\n{marker}\n");
    let raw: proc_macro2::TokenStream = format!("r\"\n{marker}\n\"").parse().unwrap();
    let doc = marker.clone();
    let tokens = quote! {
        #[doc = #doc]
        pub const A: &str = #literal;
        pub const B: &str = #raw;
    };
    let err = rust_file(tokens, "test.yaml").unwrap_err();
    assert!(err.to_string().contains("found 2"), "{err}");
    let doc_only = body(quote! {
        #[doc = #doc]
        pub const A: &str = #literal;
        pub const C: i32 = 1;
    });
    assert!(doc_only.contains(&format!("///{marker}\n")), "{doc_only}");
    assert!(
        doc_only.contains(&format!("\"\\n{marker}\\n\"")),
        "{doc_only}"
    );
}

#[test]
fn a_marker_count_mismatch_is_an_error() {
    assert!(blank_marked_lines("a\n#[__generated_blank_line]\nb\n", 1).is_ok());
    assert!(blank_marked_lines("a\n    #[__generated_blank_line]\nb\n", 0).is_err());
    assert!(blank_marked_lines("a\nb\n", 1).is_err());
}

#[test]
fn doc_markers_print_as_doc_comments_with_their_text_unchanged() {
    // The last is long enough that prettyplease prints its marker on three lines.
    let long = "A long paragraph, as an API description writes them. ".repeat(8);
    let texts = [
        "One line.",
        "Two\n\nparagraphs, `code`, \"quotes\", \\ backslashes, tabs\there, é, 🦀, \u{200d}.",
        "   indented\ntrailing spaces   \n/ a slash",
        &long,
    ];
    for text in texts {
        let doc = super::doc(text, false);
        let inner = super::doc(text, true);
        let file = super::rust_file(quote::quote!(#inner #doc struct S;), "x").unwrap();
        let expected: Vec<String> = text
            .trim()
            .lines()
            .map(|l| l.trim_end_matches(' '))
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!(" {l}")
                }
            })
            .collect();
        let outer: Vec<&str> = file.lines().filter_map(|l| l.strip_prefix("///")).collect();
        let inner: Vec<&str> = file.lines().filter_map(|l| l.strip_prefix("//!")).collect();
        assert_eq!(outer, expected, "{file}");
        assert_eq!(inner, expected, "{file}");
        assert!(!file.contains("__generated_doc"), "{file}");
    }
}

#[test]
fn gated_items_each_take_the_gate_in_place_of_their_marker_module() {
    let gate = quote!(#[cfg(feature = "pets")]);
    let items = quote! {
        #[derive(Debug)]
        pub struct Pet;
        impl Pet {
            pub fn new() -> Self { Pet }
        }
    };
    let gated = super::gated(gate, items);
    let text = body(quote! {
        use std::fmt;
        #gated
        pub struct Always;
    });
    let expected = "use std::fmt;\n\n#[cfg(feature = \"pets\")]\n#[derive(Debug)]\npub struct Pet;\n\n\
                    #[cfg(feature = \"pets\")]\nimpl Pet {\n    pub fn new() -> Self {\n        Pet\n    }\n}\n\n\
                    pub struct Always;\n";
    assert_eq!(text, expected);
}

#[test]
fn a_long_doc_marker_inside_an_impl_keeps_the_items_indentation() {
    let long = "Sends the request. ".repeat(10);
    let doc = super::doc(&long, false);
    let file = body(quote::quote!(impl S { #doc pub fn send(self) {} }));
    let expected = format!(
        "impl S {{\n    /// {}\n    pub fn send(self) {{}}\n}}\n",
        long.trim()
    );
    assert_eq!(file, expected);
}
