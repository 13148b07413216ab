import Testing
@testable import CamXucText

@Suite struct InputMethodTests {
    static let telex = InputMethod(.telex)
    static let vni = InputMethod(.vni)

    /// (keys, word) for Telex: every tone, every mark, the modern tone placement, capitals and undo.
    static let telexWords: [(String, String)] = [
        ("Hoom", "Hôm"), ("nay", "nay"), ("tooi", "tôi"), ("raats", "rất"), ("vui", "vui"), ("vieetj", "việt"),
        ("nam", "nam"), ("ddi", "đi"), ("ddaau", "đâu"), ("ddepj", "đẹp"), ("ddeepj", "đệp"), ("ddoongf", "đồng"), ("duwowngf", "dường"),
        ("dduwowngf", "đường"), ("nguwowif", "người"), ("truwowngf", "trường"), ("huwowngs", "hướng"), ("muwa", "mưa"),
        ("muwaf", "mừa"), ("thuw", "thư"), ("tuw", "tư"), ("caaps", "cấp"), ("awn", "ăn"), ("nawngs", "nắng"),
        ("mawtj", "mặt"), ("owr", "ở"), ("ows", "ớ"), ("mowis", "mới"), ("lowns", "lớn"), ("hoir", "hỏi"),
        ("ngax", "ngã"), ("nawngj", "nặng"), ("huyeenf", "huyền"), ("sawcs", "sắc"), ("khoong", "không"),
        ("dduwowcj", "được"), ("cuxng", "cũng"), ("nhuw", "như"), ("theer", "thể"), ("nhieeuf", "nhiều"),
        ("ddeens", "đến"), ("vaanx", "vẫn"), ("chuwa", "chưa"), ("bieets", "biết"), ("yeeu", "yêu"),
        ("thuwowng", "thương"), ("buoonf", "buồn"), ("vuiw", "vưi"), ("giaf", "già"), ("gif", "gì"),
        ("giuwax", "giữa"), ("quas", "quá"), ("quyeens", "quyến"), ("quoocs", "quốc"), ("hoaf", "hoà"),
        ("hoas", "hoá"), ("khoer", "khoẻ"), ("thuyr", "thuỷ"), ("tuys", "tuý"), ("hoangf", "hoàng"),
        ("toans", "toán"), ("ngoaif", "ngoài"), ("khuya", "khuya"), ("maif", "mài"), ("nuis", "núi"),
        ("tias", "tía"), ("muaf", "mùa"), ("cuar", "của"), ("ddaay", "đây"), ("ddaayj", "đậy"), ("ruowuj", "rượu"),
        ("chuyeenj", "chuyện"), ("tieengs", "tiếng"), ("Vieetj", "Việt"), ("VIEETJ", "VIỆT"), ("DDaf", "Đà"),
        ("Nawng", "Năng"), ("hix", "hĩ"), ("ngh", "ngh"), ("bcd", "bcd"), ("w", "ư"), ("ww", "w"), ("tw", "tư"),
        ("ss", "ss"), ("ass", "as"), ("tesst", "test"), ("aaa", "aa"), ("ddd", "dd"), ("ooo", "oo"), ("aww", "aw"),
        ("duwoww", "duow"), ("asz", "a"), ("z", "z"), ("asf", "à"), ("afs", "á"), ("asj", "ạ"), ("mooj", "mộ"),
        ("toois", "tối"), ("xoong", "xông"), ("xooong", "xoong"), ("phowr", "phở"), ("bunf", "bùn"),
        ("hoaij", "hoại"), ("khoeer", "khoể"), ("thuowr", "thuở"), ("huow", "huơ"), ("thuowng", "thương"), ("mix", "mĩ"), ("myx", "mỹ"),
        ("gioongs", "giống"), ("giuwr", "giử"), ("qua", "qua"), ("cos", "có"), ("laf", "là"), ("ddc", "đc"),
    ]

    static let vniWords: [(String, String)] = [
        ("Ho6m", "Hôm"), ("to6i", "tôi"), ("ra61t", "rất"), ("vie65t", "việt"), ("d9i", "đi"), ("d9e5p", "đẹp"),
        ("ngu7o72i", "người"), ("tru7o72ng", "trường"), ("a8n", "ăn"), ("na81ng", "nắng"), ("o73", "ở"),
        ("ho3i", "hỏi"), ("nga4", "ngã"), ("hoa2", "hoà"), ("thuy3", "thuỷ"), ("qua1", "quá"), ("gi2", "gì"),
        ("a11", "a1"), ("a66", "a6"), ("d99", "d9"), ("a10", "a"), ("kho6ng", "không"), ("d9u7o75c", "được"),
        ("VIE65T", "VIỆT"), ("ru7o75u", "rượu"),
    ]

    @Test(arguments: telexWords)
    func telexComposes(keys: String, word: String) {
        #expect(Self.telex.compose(keys) == word)
    }

    @Test(arguments: vniWords)
    func vniComposes(keys: String, word: String) {
        #expect(Self.vni.compose(keys) == word)
    }

    @Test func traditionalPlacementPutsTheToneOnTheFirstVowel() {
        let traditional = InputMethod(.telex, toneStyle: .traditional)
        #expect(traditional.compose("hoaf") == "hòa")
        #expect(traditional.compose("thuyr") == "thủy")
        #expect(traditional.compose("khoer") == "khỏe")
        #expect(traditional.compose("hoangf") == "hoàng")  // a final consonant decides either way
    }

    @Test func theExampleSentence() {
        let words = "Hoom nay tooi raats vui".split(separator: " ").map { Self.telex.compose(String($0)) }
        #expect(words.joined(separator: " ") == "Hôm nay tôi rất vui")
    }

    @Test func thereAreAtLeastAHundredTableWords() {
        #expect(Self.telexWords.count + Self.vniWords.count >= 100)
    }
}
