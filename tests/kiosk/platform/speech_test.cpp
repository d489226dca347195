// "Vorlesen": what a detail screen reads (words, not field names), and espeak-ng turning it into
// speech of a plausible length in German and English — rendered to WAV files, so no sound card
// is needed.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "kiosk/app/actions.hpp"
#include "kiosk/app/bootstrap.hpp"
#include "kiosk/app/read_aloud.hpp"
#include "kiosk/platform/espeak_speech.hpp"

namespace treffpunkt {
namespace {

constexpr const char* kGermanCourseId = "89a343f9-58b3-579f-920f-9bc8326df617";  // Deutschkurs A1

UtcTime Now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

class SpeechTest : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir =
            std::filesystem::temp_directory_path() / ("tp-speech-" + std::to_string(::getpid()));
        std::filesystem::create_directories(m_dir);
        std::vector<Problem> problems;
        auto dataset = LoadDatasetFile(
            std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/sample/saarlouis.json", problems);
        ASSERT_TRUE(dataset);
        auto replica = Replica::Open((m_dir / "replica.db").string());
        ASSERT_TRUE(replica);
        ASSERT_TRUE(replica->ReplaceDataset(*dataset, Now()));
        auto i18n =
            I18n::Load(std::string(TREFFPUNKT_SOURCE_DIR) + "/assets/i18n", {"de", "en", "ar"});
        ASSERT_TRUE(i18n);
        m_app =
            std::make_unique<KioskApp>(KioskConfig{}, std::move(*i18n), std::move(replica), Now());
    }
    void TearDown() override {
        m_app.reset();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    SpeechScript OfferScript(const std::string& lang) {
        SetLanguage(m_app->State(), lang);
        const OfferView* view = m_app->OfferDetailView(kGermanCourseId, Now());
        EXPECT_NE(view, nullptr);
        return view != nullptr ? OfferSpeech(*m_app, *view, Now()) : SpeechScript{};
    }
    std::string Joined(const SpeechScript& script) {
        std::string out;
        for (const SpeechPart& p : script) {
            out += "[" + p.language + "] " + p.text + " ";
        }
        return out;
    }

    std::filesystem::path m_dir;
    std::unique_ptr<KioskApp> m_app;
};

TEST_F(SpeechTest, AnOfferIsReadInWordsNotFieldNames) {
    const std::string de = Joined(OfferScript("de"));
    EXPECT_NE(de.find("Deutschkurs A1"), std::string::npos) << de;
    EXPECT_NE(de.find("jeden Montag und Mittwoch, 9 bis 11:30 Uhr"), std::string::npos) << de;
    EXPECT_NE(de.find("Wo? Ort der Begegnung Innenstadt"), std::string::npos) << de;
    EXPECT_NE(de.find("Telefon: "), std::string::npos) << de;
    for (const char* raw : {"title", "schedule", "place_id", "rrule", "{", "–", "•"}) {
        EXPECT_EQ(de.find(raw), std::string::npos) << raw << " in " << de;
    }
    const std::string en = Joined(OfferScript("en"));
    EXPECT_NE(en.find("[en] German course A1"), std::string::npos) << en;
    EXPECT_NE(en.find("every Monday and Wednesday, 9 to 11:30 am"), std::string::npos) << en;
    // Arabic: UI words in Arabic; the description exists only in German and is read by the
    // German voice.
    const SpeechScript ar = OfferScript("ar");
    ASSERT_FALSE(ar.empty());
    EXPECT_EQ(ar.front().language, "ar");
    bool german_part = false;
    for (const SpeechPart& p : ar) {
        german_part = german_part || p.language == "de";
    }
    EXPECT_TRUE(german_part) << Joined(ar);
}

TEST_F(SpeechTest, SpeechOfAGermanAndAnEnglishOfferHasAPlausibleLength) {
    for (const std::string lang : {"de", "en"}) {
        const SpeechScript script = OfferScript(lang);
        const size_t words = WordCount(script);
        ASSERT_GT(words, 20u) << lang;
        const std::string path = (m_dir / ("offer-" + lang + ".wav")).string();
        auto wav = SynthesizeToWav(script, path, SpeechSettings{100, 150});
        ASSERT_TRUE(wav) << wav.error().message;
        EXPECT_GT(wav->rms, 300.0) << lang << ": silent";
        // 150 words a minute is 0.4 s a word; numbers and pauses make it longer. Anything
        // between 0.2 and 1.2 s per word is speech, not a few clicks or a stuck engine.
        const double per_word = wav->seconds / static_cast<double>(words);
        std::printf("%s: %zu words, %.1f s of speech (%.2f s a word)\n", lang.c_str(), words,
                    wav->seconds, per_word);
        EXPECT_GT(per_word, 0.2) << lang << ": " << wav->seconds << " s for " << words << " words";
        EXPECT_LT(per_word, 1.2) << lang << ": " << wav->seconds << " s for " << words << " words";
        // A valid WAV file of that length.
        std::ifstream in(path, std::ios::binary);
        std::string header(44, '\0');
        in.read(header.data(), 44);
        EXPECT_EQ(header.substr(0, 4), "RIFF");
        EXPECT_EQ(header.substr(8, 8), "WAVEfmt ");
        EXPECT_EQ(std::filesystem::file_size(path), 44 + wav->samples * 2);
    }
}

TEST(ReadAloud, PhoneNumbersDigitByDigitAndSsmlEscaped) {
    EXPECT_EQ(PhoneForSpeech("06831 444-123"), "0 6 8 3 1, 4 4 4, 1 2 3");
    EXPECT_EQ(PhoneForSpeech("+49 6831 12"), "+4 9, 6 8 3 1, 1 2");
    EXPECT_EQ(SpeechSsml({{"de", "Kaffee & Kuchen <gratis>"}, {"en", "Coffee"}}),
              "<speak><voice xml:lang=\"de\">Kaffee &amp; Kuchen &lt;gratis&gt;</voice>"
              "<voice xml:lang=\"en\">Coffee</voice></speak>");
    EXPECT_EQ(WordCount({{"de", "eins zwei  drei"}, {"en", "four"}}), 4u);
}

TEST(ReadAloud, WithoutASoundCardTheButtonIsHidden) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("tp-cards-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "none") << "--- no soundcards ---\n";
    std::ofstream(dir / "pi") << " 0 [vc4hdmi0      ]: vc4-hdmi - vc4-hdmi-0\n"
                                 "                      vc4-hdmi-0\n";
    EXPECT_FALSE(HasSoundCard((dir / "none").string()));
    EXPECT_FALSE(HasSoundCard((dir / "missing").string()));
    EXPECT_TRUE(HasSoundCard((dir / "pi").string()));
    std::filesystem::remove_all(dir);
    // Not offered: no engine, and asking it to speak returns at once and stays silent.
    EspeakSpeech speech(SpeechSettings{}, EspeakSpeech::Offer::kNo, {});
    EXPECT_FALSE(speech.Available());
    speech.Speak({{"de", "Hallo"}});
    EXPECT_FALSE(speech.Speaking());
    speech.Stop();
}

}  // namespace
}  // namespace treffpunkt
