//! A whole HTML page, as a government web site publishes a notice (or `pandoc -s -t html`
//! writes one) → the markdown text every later stage reads.
//!
//! The page's text blocks (`<p>`, `<div>`, headings, list items…) become markdown paragraphs,
//! their whitespace folded as a browser folds it; an item of a numbered list (`<ol>`) starts
//! with the number a browser shows (`1.`, from `start`, `value` and `type`), a bullet item
//! (`<ul>`) with `•`; each outermost `<table>` is copied as it
//! stands, for the HTML table reader; `<head>`, `<script>`, `<style>` and the like are left
//! out. Lines and spans of the dataset refer to this text (`fengong text FILE`).

use tl::{HTMLTag, Node, Parser};

use crate::markup;
use crate::text;

/// Whether decoded text is a whole HTML page rather than markdown: it starts with a doctype
/// or an `<html>` tag (after whitespace, comments or an XML declaration).
pub fn is_page(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    let head = rest.get(..14).unwrap_or(rest).to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Elements whose text is no part of the page's content.
const HIDDEN: [&str; 8] = [
    "head", "script", "style", "noscript", "template", "iframe", "svg", "object",
];

/// Elements that end a line of text: a paragraph break before and after them.
const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
];

/// The text of an HTML page, as described in the module documentation.
pub fn text(page: &str) -> String {
    let Ok(dom) = tl::parse(page, tl::ParserOptions::default()) else {
        return String::new();
    };
    let parser = dom.parser();
    let mut walk = Walk {
        page,
        parser,
        out: String::new(),
        line: String::new(),
        lists: Vec::new(),
        label: None,
    };
    for handle in dom.children() {
        if let Some(node) = handle.get(parser) {
            walk.node(node);
        }
    }
    walk.flush();
    walk.out
}

struct Walk<'p, 'a> {
    page: &'a str,
    parser: &'p Parser<'a>,
    out: String,
    /// The paragraph being gathered, whitespace not yet folded.
    line: String,
    /// The lists the walk is inside of, innermost last: the next number of an `<ol>` and its
    /// `type`, `None` for a `<ul>`.
    lists: Vec<Option<(u32, String)>>,
    /// A list item's number, written before the item's first text.
    label: Option<String>,
}

impl Walk<'_, '_> {
    fn node(&mut self, node: &Node<'_>) {
        match node {
            Node::Raw(text) => {
                // A line break in the source is whitespace; only `<br>` breaks a line.
                let mut decoded = String::new();
                markup::decode_entities(&text.as_utf8_str(), &mut decoded);
                self.line
                    .extend(decoded.chars().map(|c| if c == '\n' { ' ' } else { c }));
            }
            Node::Comment(_) => {}
            Node::Tag(tag) => self.tag(tag),
        }
    }

    fn tag(&mut self, tag: &HTMLTag<'_>) {
        let name = tag.name().as_utf8_str().to_ascii_lowercase();
        if HIDDEN.contains(&name.as_str()) {
            return;
        }
        if name == "table" {
            self.flush();
            let (start, end) = tag.boundaries(self.parser);
            if let Some(raw) = self.page.get(start..=end) {
                // One line a row is not needed: the HTML table reader reads any layout. A
                // blank line inside would end the HTML block in markdown: drop blank lines.
                for line in raw.lines().filter(|l| !l.trim().is_empty()) {
                    self.out.push_str(line);
                    self.out.push('\n');
                }
                self.out.push('\n');
            }
            return;
        }
        if name == "br" {
            self.line.push('\n');
            return;
        }
        let block = BLOCKS.contains(&name.as_str());
        if block {
            self.flush();
        }
        let attribute = |key: &str| {
            tag.attributes()
                .get(key)
                .flatten()
                .map(|v| v.as_utf8_str().trim().to_owned())
        };
        match name.as_str() {
            "ol" => {
                let start = attribute("start").and_then(|v| v.parse().ok()).unwrap_or(1);
                let kind = attribute("type").unwrap_or_else(|| "1".to_owned());
                self.lists.push(Some((start, kind)));
            }
            "ul" => self.lists.push(None),
            "li" => {
                self.label = Some(match self.lists.last_mut() {
                    Some(Some((next, kind))) => {
                        if let Some(value) = attribute("value").and_then(|v| v.parse().ok()) {
                            *next = value;
                        }
                        let label = format!("{}.", list_number(*next, kind));
                        *next = next.saturating_add(1);
                        label
                    }
                    _ => "• ".to_owned(),
                });
            }
            _ => {}
        }
        let children = tag.children();
        for handle in children.top().iter() {
            if let Some(node) = handle.get(self.parser) {
                self.node(node);
            }
        }
        if block {
            self.flush();
        }
        match name.as_str() {
            "ol" | "ul" => {
                self.lists.pop();
            }
            // An item with no text shows only its number: nothing to read.
            "li" => self.label = None,
            _ => {}
        }
    }

    /// End the paragraph being gathered: whitespace folded as a browser does (runs to one
    /// space, none at the ends; a `<br>` kept as a line break), written as markdown.
    fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        let lines: Vec<String> = line
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            let label = self.label.take().unwrap_or_default();
            markup::paragraph(&mut self.out, &format!("{label}{}", lines.join("\n")));
        }
    }
}

/// The number a browser shows for item `n` of an `<ol type="…">`.
fn list_number(n: u32, kind: &str) -> String {
    match kind {
        "a" | "A" => text::letter(n, kind == "A"),
        "i" => text::roman(n).to_lowercase(),
        "I" => text::roman(n),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_not_pages() {
        assert!(is_page("<!DOCTYPE html>\n<html>"));
        assert!(is_page("  <html lang=\"zh\">"));
        assert!(is_page(
            "<?xml version=\"1.0\"?>\n<!-- x -->\n<!doctype HTML>"
        ));
        assert!(!is_page("<table><tr><td>序号</td></tr></table>"));
        assert!(!is_page("| 序号 | 目标任务 |"));
    }

    #[test]
    fn blocks_become_paragraphs_and_tables_stay() {
        let page = "<!DOCTYPE html><html><head><title>通知</title><style>p{}</style></head>\
            <body><div class=\"nav\">首页 &gt; 政务公开</div>\
            <div><p>云政办〔2027〕8号</p><p>关于   印发\n方案的通知</p>\
            <table>\n<tr><td>序号</td></tr>\n\n<tr><td>1</td></tr>\n</table>\
            <p>抄送：市委办公室。<br>2027年3月1日印发</p></div>\
            <script>var x = 1;</script></body></html>";
        assert_eq!(
            text(page),
            "首页 \\> 政务公开\n\n云政办〔2027〕8号\n\n关于 印发 方案的通知\n\n\
             <table>\n<tr><td>序号</td></tr>\n<tr><td>1</td></tr>\n</table>\n\n\
             抄送：市委办公室。\n2027年3月1日印发\n\n"
        );
    }

    #[test]
    fn list_items_start_with_the_number_a_browser_shows() {
        let page = "<!DOCTYPE html><html><body>\
            <ol><li><p>地区生产总值增长6%。</p></li><li></li><li>粮食增产。</li></ol>\
            <p>二、提升城市品质</p>\
            <ol start=\"4\" type=\"1\"><li>新建公园6个。<ol type=\"a\"><li>口袋公园。</li></ol></li>\
            <li value=\"9\">改造小巷。</li></ol><ul><li>新增就业。</li></ul></body></html>";
        assert_eq!(
            text(page),
            "1\\.地区生产总值增长6\\%。\n\n3\\.粮食增产。\n\n二、提升城市品质\n\n\
             4\\.新建公园6个。\n\na\\.口袋公园。\n\n9\\.改造小巷。\n\n• 新增就业。\n\n"
        );
    }
}
