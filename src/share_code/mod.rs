//! SPEC 9: share codes. (Being written.)
