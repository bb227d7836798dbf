//! Quick text helpers for the parsers, read for every field of every row (issue 7: a 100,000-row
//! own file): trimming and splitting on ASCII bytes without decoding characters.

/// `text.trim()`, quicker when the text starts and ends with visible ASCII (nearly every field):
/// then there is nothing to trim and no character is decoded.
pub fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => text,
        (None, _) => text,
        _ => text.trim(),
    }
}

/// Where `text[start..end]` lies once trimmed (an empty span when it is all white space, or when
/// the span is not one of `text`).
pub fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(field) = text.get(start..end) else {
        return (start, start);
    };
    let trimmed = trim(field);
    if trimmed.len() == field.len() {
        return (start, end);
    }
    let lead = field.len() - field.trim_start().len();
    (start + lead, start + lead + trimmed.len())
}

/// The text before the first byte `stop` accepts, or all of it. `stop` must accept only ASCII
/// bytes, so the cut lies on a character boundary.
pub fn before(text: &str, stop: impl Fn(u8) -> bool) -> &str {
    match text.bytes().position(|b| b.is_ascii() && stop(b)) {
        Some(i) => text.get(..i).unwrap_or(text),
        None => text,
    }
}

/// `text.split_once("..")` without building a substring searcher.
pub fn split_at_dots(text: &str) -> Option<(&str, &str)> {
    let i = text.as_bytes().windows(2).position(|w| w == b"..")?;
    Some((text.get(..i)?, text.get(i + 2..)?))
}

/// The pieces of `text` between the ASCII bytes `sep` accepts: `text.split(sep)` with a byte
/// loop in place of the standard library's character searcher.
pub fn split(text: &str, sep: impl Fn(u8) -> bool + Clone) -> impl Iterator<Item = &str> + Clone {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        let piece = before(t, &sep);
        rest = t.get(piece.len() + 1..);
        Some(piece)
    })
}

/// The pieces of `text` between the ASCII bytes `sep` accepts, trimmed, blanks left out.
pub fn split_trimmed(text: &str, sep: impl Fn(u8) -> bool + Clone) -> impl Iterator<Item = &str> {
    split(text, sep).map(trim).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_as_std_does() {
        for t in [
            "",
            " ",
            "a",
            " a ",
            "\u{a0}x\u{a0}",
            "ab",
            "a b",
            "\tq\n",
            "é",
            " é",
            "x\u{3000}",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
    }

    #[test]
    fn splits_as_std_does() {
        for t in ["", ";", "a", "a;b", " a ; ;b|c ", ";;x;", "é;ü", "a|"] {
            let ours: Vec<&str> = split_trimmed(t, |b| b == b';' || b == b'|').collect();
            let std: Vec<&str> = t
                .split([';', '|'])
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            assert_eq!(ours, std, "{t:?}");
        }
        for t in ["", ",", "a,,b", ",a,", "é,ü"] {
            let ours: Vec<&str> = split(t, |b| b == b',').collect();
            assert_eq!(ours, t.split(',').collect::<Vec<_>>(), "{t:?}");
        }
        for t in ["", " ", "a", " a ", "\u{a0}x\u{a0} ", "  ", "x\t"] {
            let (start, end) = trim_span(t, 0, t.len());
            assert_eq!(&t[start..end], t.trim(), "{t:?}");
        }
        assert_eq!(trim_span("a, b ,c", 2, 5), (3, 4));
        assert_eq!(split_at_dots("2019..2020"), Some(("2019", "2020")));
        assert_eq!(split_at_dots("2019.2020"), None);
        assert_eq!(split_at_dots("é..ü"), Some(("é", "ü")));
        assert_eq!(
            before("derived; note", |b| b == b';' || b == b' '),
            "derived"
        );
    }
}
