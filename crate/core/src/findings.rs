//! Turns a report's facts into the verdict: findings with bilingual messages, by document and stage.
//! (Stub.)

use crate::options::Options;
use crate::report::Report;

pub fn evaluate(_report: &mut Report, _options: &Options) {}
