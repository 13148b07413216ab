/// Removing Vietnamese diacritics ("đẹp" → "dep"), for features that must survive text typed without them.
public enum VietnameseFolding {
    /// Each row: a base letter, then every Vietnamese letter that folds to it. The Python pipeline has the same rows.
    static let rows = [
        "aàáảãạăằắẳẵặâầấẩẫậ",
        "eèéẻẽẹêềếểễệ",
        "iìíỉĩị",
        "oòóỏõọôồốổỗộơờớởỡợ",
        "uùúủũụưừứửữự",
        "yỳýỷỹỵ",
        "dđ",
    ]

    static let table: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for row in rows {
            let scalars = Array(row.unicodeScalars)
            let base = scalars[0]
            let upperBase = Array(String(base).uppercased().unicodeScalars)[0]
            for scalar in scalars.dropFirst() {
                table[scalar] = base
                for upper in String(scalar).uppercased().unicodeScalars { table[upper] = upperBase }
            }
        }
        return table
    }()

    /// One code point without its diacritics.
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar { table[scalar] ?? scalar }

    /// `text` without Vietnamese diacritics; expects NFC input.
    public static func fold(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { output.append(fold(scalar)) }
        return String(output)
    }
}
