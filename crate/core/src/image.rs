//! JPEG/PNG inspection: format, pixel size, red background for a pas foto.
//! (Stub.)

use crate::options::DocType;
use crate::report::{ImageInfo, Kind};

pub fn inspect(_bytes: &[u8], _kind: Kind, _doc: DocType) -> Option<ImageInfo> {
    None
}
