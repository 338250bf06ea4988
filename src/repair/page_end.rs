//! A task's text cut at a page end: a PDF converter that put the rest of a tall row outside
//! the table (markitdown, pdfplumber), or a page break the continuation rows did not mend.
//! Where most tasks end their text with a full stop, a task last on its page table whose text
//! stops mid-sentence gets a warning. Counted as the tasks go by, said once they are all read.
//!
//! Detector: most tasks end with a full stop, and a task last on its page does not. Code:
//! W017 (`TextCutAtPageEnd`).

use crate::dataset::Task;
use crate::diagnostic::{Code, Diagnostic};
use crate::span::{LineIndex, Span};

/// What a warning on a task cut at a page end needs, gathered as tasks go by: how many tasks
/// end with a full stop, and the tasks last on their page table that do not.
#[derive(Clone, Debug, Default)]
pub struct PageEnds {
    tasks: usize,
    finished: usize,
    /// Number, span and the last characters of the text of each such task.
    unfinished: Vec<(u32, Span, String)>,
}

/// Whether a task's text ends with a full stop (or what closes a sentence).
fn ends_sentence(task: &Task) -> bool {
    task.text
        .trim_end_matches('\u{FFFD}')
        .ends_with(['。', '；', '！', '？', '”', '）'])
}

impl PageEnds {
    /// Count `task`, last on its page table when `page_end`.
    pub fn count(&mut self, task: &Task, page_end: bool) {
        self.tasks += 1;
        if ends_sentence(task) {
            self.finished += 1;
        } else if page_end && !task.text.is_empty() {
            let skip = task.text.chars().count().saturating_sub(12);
            let tail: String = task.text.chars().skip(skip).collect();
            self.unfinished.push((task.seq, task.span, tail));
        }
    }

    /// Whether most tasks end with a full stop and some task last on its page does not.
    pub fn detect(&self) -> bool {
        self.finished * 2 > self.tasks && !self.unfinished.is_empty()
    }

    /// A warning on each task last on its page whose text stops mid-sentence.
    pub fn repair(self, lines: &LineIndex, diags: &mut Vec<Diagnostic>) {
        for (seq, span, tail) in self.unfinished {
            diags.push(Diagnostic::new(
                Code::TextCutAtPageEnd,
                span,
                lines,
                format!(
                    "task {seq} is the last on its page table and its text stops mid-sentence \
                     (…{tail}), where most tasks end with 。: the rest may have been left outside \
                     the table by the converter"
                ),
            ));
        }
    }
}
