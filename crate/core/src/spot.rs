//! Where the hand signature sits, and where the e-Meterai should go.
//! (Interim: filled in below.)

use crate::layout::PageLayout;
use crate::report::{SignatureSpot, StampSuggestion};

pub fn locate(_pages: &[PageLayout]) -> (Option<SignatureSpot>, Option<StampSuggestion>) {
    (None, None)
}
