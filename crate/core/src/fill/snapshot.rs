//! What the content script collects (a snapshot of the page's controls and their labels) and
//! what the plan tells it to do (steps, missing fields, controls never touched).

use super::*;

/// One candidate label of a control and where on the page it came from: `label` (`<label for>`
/// or wrapping), `aria_label`, `aria_labelledby`, `aria_describedby`, `placeholder`, `title`,
/// `name`, `id`, `autocomplete`, `left` (text left of it in the same row), `above`, `right` (the
/// text right of a checkbox or radio), `table_header` (its column's or row's header), `legend`
/// (fieldset), `heading` (the section's heading), `text` (a button's own text); and what is not a
/// label but part of the value: `prefix` / `suffix`, fixed text shown beside the input inside its
/// box ("+62", "Rp", "%", "/ 4,00").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Label {
    pub source: String,
    pub text: String,
    /// One label governing several controls in its row ("Tempat / Tgl. Lahir" → a text box and a
    /// date): this control is number `part` (0-based, reading order) of `parts`; 0 parts = its own.
    #[serde(skip_serializing_if = "is_zero")]
    pub part: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub parts: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A control as the content script saw it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Control {
    /// Index in the content script's list (the plan refers to controls by it).
    pub id: usize,
    /// text, email, tel, number, date, month, select, combobox, datepicker, radio, checkbox,
    /// textarea, password, file, button, submit.
    pub kind: String,
    /// The component library behind it, when known (react-select, el-select, antd-select,
    /// el-date, antd-date); empty for native controls.
    pub widget: String,
    pub visible: bool,
    pub disabled: bool,
    pub readonly: bool,
    /// `[x, y, width, height]` in CSS pixels.
    pub rect: [f64; 4],
    pub labels: Vec<Label>,
    /// Visible option texts (selects, radio groups, listboxes already open).
    pub options: Vec<String>,
    /// Ancestor elements, nearest first (opaque ids; used to find repeated entries).
    pub path: Vec<u32>,
    /// Its current value as shown.
    pub value: String,
}

/// The page: its controls in document order (`controls` is required).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub title: String,
    pub controls: Vec<Control>,
}

/// How the content script fills a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// Type the text (native setter + input/change events).
    Type,
    /// Native select: choose option `option`.
    Select,
    /// Radio group: click option `option`.
    Radio,
    /// Searchable or remote select: open, type `search`, wait for options, choose the one the
    /// core picks for `value` ([`choose_option`]).
    Choose,
    /// A date picker widget: type `value` in its format and confirm.
    PickDate,
    /// Tick a checkbox (never untick one).
    Check,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub control: usize,
    /// `nik`, `pendidikan.ipk`, `pekerjaan.1.jabatan`.
    pub field: String,
    pub name: Message,
    /// What to type or which option text to choose; also what reading back must show.
    pub value: String,
    pub how: How,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    pub score: f64,
}

/// A profile field this page asks for (its section is on the page) that the plan cannot fill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Missing {
    pub field: String,
    pub name: Message,
    /// `not_on_page` (no control on the page is labelled for it), `unsure` (a control is labelled
    /// for it, but the plan could not be sure it is this field's: `control` names it), `no_entry`
    /// (no job entry left for it), `no_option` (the control offers no matching choice),
    /// `bad_value`, `empty_in_profile`. Every field of the profile is either a step or here.
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<usize>,
}

/// A control the plan could not map to any profile field, by the label a person sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unrecognised {
    pub control: usize,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Untouched {
    pub control: usize,
    /// `password`, `captcha`, `file`, `submit`.
    pub reason: String,
}

/// Click this button (e.g. "Tambah Riwayat Pekerjaan") to get another job entry, then collect
/// and plan again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddEntry {
    pub control: usize,
    pub needed: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub missing: Vec<Missing>,
    pub untouched: Vec<Untouched>,
    /// Fillable controls left unfilled because the plan could not tell what they ask for.
    pub unrecognised: Vec<Unrecognised>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub add_entry: Option<AddEntry>,
    /// Controls that match a profile field (whether or not the profile has a value for it).
    pub matched: usize,
    /// Job entries found on the page.
    pub job_entries: usize,
}

