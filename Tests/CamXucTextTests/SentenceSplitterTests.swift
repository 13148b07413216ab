import Testing
@testable import CamXucText

@Suite struct SentenceSplitterTests {
    @Test(arguments: [
        ("Hôm nay vui quá! Nhưng mai lại đi làm rồi.", ["Hôm nay vui quá!", "Nhưng mai lại đi làm rồi."]),
        ("Sao lại thế?! Không thể tin được...", ["Sao lại thế?!", "Không thể tin được..."]),
        ("Buồn quá… Thôi đi ngủ.", ["Buồn quá…", "Thôi đi ngủ."]),
        ("Trăm năm trong cõi người ta\nChữ tài chữ mệnh khéo là ghét nhau", ["Trăm năm trong cõi người ta", "Chữ tài chữ mệnh khéo là ghét nhau"]),
        // A Windows file's line breaks (CR LF is one Character): the arc had one sentence, or "\r\n" inside one.
        ("Hôm nay tôi rất vui\r\nTối nay buồn quá\r\n", ["Hôm nay tôi rất vui", "Tối nay buồn quá"]),
        ("Hôm nay tôi rất vui.\r\nTối nay buồn quá.\r\n", ["Hôm nay tôi rất vui.", "Tối nay buồn quá."]),
        ("Vui quá\u{2029}Buồn quá\u{85}Sợ quá", ["Vui quá", "Buồn quá", "Sợ quá"]),
        ("Đọc bài ở vnexpress.net/tin-moi.html đi. Hay lắm.", ["Đọc bài ở vnexpress.net/tin-moi.html đi.", "Hay lắm."]),
        ("Giá xăng tăng 3.5% hôm nay. Ai cũng lo.", ["Giá xăng tăng 3.5% hôm nay.", "Ai cũng lo."]),
        ("Anh ấy nói: \"Tôi đi đây.\" Rồi đi luôn.", ["Anh ấy nói: \"Tôi đi đây.\"", "Rồi đi luôn."]),
        ("Tôi ở TP. Hồ Chí Minh, vui lắm", ["Tôi ở TP. Hồ Chí Minh, vui lắm"]),
        ("  \n\n  ", []),
        ("vui quá 😍😍", ["vui quá 😍😍"]),
        // Chat in lower case still has sentences; an abbreviation's stop still ends none.
        ("vui quá. buồn quá.", ["vui quá.", "buồn quá."]),
        ("vui quá https://vnexpress.net/tin-tuc.html?id=1&a=b! buồn ghê", ["vui quá https://vnexpress.net/tin-tuc.html?id=1&a=b!", "buồn ghê"]),
        ("nhà ở tp. hcm, gần q. 3 luôn. mai gặp nha", ["nhà ở tp. hcm, gần q. 3 luôn.", "mai gặp nha"]),
        // A list's numbers open their items (each was a sentence of its own: 4 s of neutral music).
        ("Những điều làm tôi buồn năm nay:\n1. Bà ngoại mất.\n2. Thi trượt đại học.",
         ["Những điều làm tôi buồn năm nay:", "1. Bà ngoại mất.", "2. Thi trượt đại học."]),
        ("Có 2. Hết.", ["Có 2.", "Hết."]),
        // A hesitation and a quote's attribution go on; a capital after an ellipsis still starts a sentence.
        ("Tôi... tôi không biết nữa.", ["Tôi... tôi không biết nữa."]),
        ("\"Sao đời lại thế?\" - nó hỏi. Rồi im lặng.", ["\"Sao đời lại thế?\" - nó hỏi.", "Rồi im lặng."]),
        ("Không thể tin được... Mai tính tiếp.", ["Không thể tin được...", "Mai tính tiếp."]),
        // A native reader's splits (a probe): a unit, a one-letter reply, no space after the stop, "v.v." ending a
        // list, a title in brackets, "p.m.".
        ("Anh ấy cao 1.75 m. Đẹp trai ghê.", ["Anh ấy cao 1.75 m.", "Đẹp trai ghê."]),
        ("Ừ. Mình hiểu rồi.", ["Ừ.", "Mình hiểu rồi."]),
        ("Ờ. Thôi kệ.", ["Ờ.", "Thôi kệ."]),
        ("Trời mưa.Mình ở nhà.Buồn.", ["Trời mưa.", "Mình ở nhà.", "Buồn."]),
        ("Tôi đi Đà Lạt.Vui quá.", ["Tôi đi Đà Lạt.", "Vui quá."]),
        ("Mua đủ thứ: rau, thịt, cá, v.v. Mệt ghê.", ["Mua đủ thứ: rau, thịt, cá, v.v.", "Mệt ghê."]),
        ("Mua rau, thịt v.v. rồi về nhà.", ["Mua rau, thịt v.v. rồi về nhà."]),
        ("Bác sĩ (BS.) Lan khám cho mình. Yên tâm rồi.", ["Bác sĩ (BS.) Lan khám cho mình.", "Yên tâm rồi."]),
        ("Vào lúc 9 giờ 30 p.m. hôm qua, nhà mình mất trộm. Sợ quá.", ["Vào lúc 9 giờ 30 p.m. hôm qua, nhà mình mất trộm.", "Sợ quá."]),
        ("Ông Nguyễn Văn A. sinh năm 1990 ở TP.HCM, Q.1. Vui lắm.", ["Ông Nguyễn Văn A. sinh năm 1990 ở TP.HCM, Q.1.", "Vui lắm."]),
        ("GS.TS Lan nói vậy.", ["GS.TS Lan nói vậy."]),
        // A re-probe's: p.m. before a capital, a digit before a stop with no space, addresses kept whole.
        ("Mình về lúc 9 p.m. Mẹ đã ngủ rồi.", ["Mình về lúc 9 p.m.", "Mẹ đã ngủ rồi."]),
        ("Năm 2024.Mình ra trường.", ["Năm 2024.", "Mình ra trường."]),
        ("Email mình là nam.Nguyen@gmail.com nhé. Cảm ơn.", ["Email mình là nam.Nguyen@gmail.com nhé.", "Cảm ơn."]),
        ("Đọc tin trên VnExpress.Net rồi. Buồn ghê.", ["Đọc tin trên VnExpress.Net rồi.", "Buồn ghê."]),
    ] as [(String, [String])])
    func splitsAsAReaderWould(text: String, expected: [String]) {
        #expect(SentenceSplitter.split(text) == expected)
    }
}
