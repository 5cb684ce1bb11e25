//! Recognition of a TOTEM flow from the first bytes of a file, so that the platform can offer
//! the conversion when such a file is uploaded. It is a quick check on the root element and its
//! namespace, not a validation: [`crate::convert`] still decides.

/// Bytes of the file's start that [`looks_like_totem`] needs at most.
pub const SNIFF_BYTES: usize = 4096;

const BUDGET_NAMESPACE: &[u8] = b"http://www.minefi.gouv.fr/cp/demat/docbudgetaire";
const CFU_NAMESPACE: &[u8] = b"http://www.minefi.gouv.fr/cp/demat/doccfu";

/// Returns whether a file starting with `head` is a TOTEM budget flow: its first element is a
/// `DocumentBudgetaire` or a `CompteFinancierUnique` (with or without a prefix) and the
/// matching namespace is declared. Only the first [`SNIFF_BYTES`] bytes are examined, and
/// only ASCII-compatible encodings (ISO-8859-1, UTF-8) are recognised.
pub fn looks_like_totem(head: &[u8]) -> bool {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    let Some(root) = first_element_name(head) else {
        return false;
    };
    let local = root.rsplit(|&byte| byte == b':').next().unwrap_or(root);
    let namespace = match local {
        b"DocumentBudgetaire" => BUDGET_NAMESPACE,
        b"CompteFinancierUnique" => CFU_NAMESPACE,
        _ => return false,
    };
    memchr::memmem::find(head, namespace).is_some()
}

/// Returns the name of the first element, skipping the declaration, comments and processing
/// instructions.
fn first_element_name(head: &[u8]) -> Option<&[u8]> {
    let mut rest = head;
    loop {
        let start = memchr::memchr(b'<', rest)?;
        rest = &rest[start + 1..];
        match rest.first()? {
            b'?' | b'!' => continue,
            _ => {
                let end = rest
                    .iter()
                    .position(|byte| byte.is_ascii_whitespace() || *byte == b'>' || *byte == b'/')
                    .unwrap_or(rest.len());
                return Some(&rest[..end]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_and_cfu_roots_recognised() {
        let budget = br#"<?xml version="1.0" encoding="ISO-8859-1"?>
<DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">"#;
        assert!(looks_like_totem(budget));
        let cfu = br#"<?xml version="1.0"?><!-- export -->
<doccfu:CompteFinancierUnique xmlns:doccfu="http://www.minefi.gouv.fr/cp/demat/doccfu">"#;
        assert!(looks_like_totem(cfu));
    }

    #[test]
    fn other_files_not_recognised() {
        assert!(!looks_like_totem(
            b"BGT_NATDEC,BGT_ANNEE\nbudget primitif,2022\n"
        ));
        assert!(!looks_like_totem(
            b"<DocumentBudgetaire>no namespace</DocumentBudgetaire>"
        ));
        assert!(!looks_like_totem(
            b"<html xmlns=\"http://www.minefi.gouv.fr/cp/demat/docbudgetaire\">"
        ));
        assert!(!looks_like_totem(b""));
    }
}
