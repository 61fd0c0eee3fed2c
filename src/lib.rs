//! orgscale: design scaled Scrum (Scrum@Scale) organisations.
//!
//! The library holds the domain [`model`], the [`rules`] catalogue, file formats ([`io`]), layouts ([`layout`]),
//! what diagrams show ([`diagram`]), the exports ([`export`]) and the command-line front end ([`cli`]). The desktop designer builds on the same modules; none of the
//! core modules depends on egui.

pub mod cli;
pub mod cycles;
pub mod diagram;
pub mod diff;
pub mod events;
pub mod export;
pub mod growth;
pub mod io;
pub mod layout;
pub mod model;
pub mod names;
pub mod rules;
pub mod sample;
pub mod search;
pub mod stats;
#[cfg(feature = "gui")]
pub mod ui;
pub mod words;
