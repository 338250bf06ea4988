//! Unit lists: splitting a lead or responsible cell into units, normalising each name, and
//! indexing the units of the whole table. A file per job:
//!
//! - [`split`]: a cell → the units it lists, as written (separators, parentheses, names a
//!   line wrap broke);
//! - [`normalise`]: one unit as written → its canonical name and note;
//! - [`reader`]: a cell in the source → its names and mentions, with their locations and
//!   diagnostics;
//! - [`memo`]: a cell's reading kept for the next cell with the same text;
//! - [`roles`]: units given their role by the words after them or their note (`牵头`);
//! - [`index`]: the tasks → one record per unit.
//!
//! The rules that are data (alias table, unit endings, unit kinds) are in [`crate::rules::Rules`].

mod index;
mod memo;
mod normalise;
mod reader;
mod roles;
mod split;

pub use index::{Index, index, unit_id};
pub(crate) use memo::{CellUnits, Memo};
pub use normalise::{Normalised, normalise};
pub use reader::read_cell;
pub(crate) use roles::{gives, listed_first, names_only, role_lists, take_noted};
pub use split::split_names;
pub(crate) use split::{Split, split};
pub(crate) use split::{ends_like_name, ends_like_name_as_written};
