//! The command line: a thin layer that reads files, calls the core and prints.

pub mod annotate;
pub mod check;
pub mod config;
pub mod diff;
pub mod docx;
pub mod excerpt;
pub mod fix;
pub mod heap;
pub mod input;
pub mod json_findings;
pub mod listing;
pub mod outline;
pub mod output;
pub mod report;
pub mod rules;
pub mod sarif;
pub mod select;
pub mod targets;
pub mod tasks;

/// How a command ended: 0 clean, 1 findings at warning or above, 2 usage or I/O error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Findings,
    Error,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Error => 2,
        }
    }
}
