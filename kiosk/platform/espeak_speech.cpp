#include "kiosk/platform/espeak_speech.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

#include "kiosk/app/read_aloud.hpp"

namespace treffpunkt {

namespace {

// How often the worker looks whether espeak-ng has finished playing.
constexpr auto kPollInterval = std::chrono::milliseconds(100);

Result<void> InitializeEngine(espeak_ng_OUTPUT_MODE mode, SpeechSettings settings) {
    espeak_ng_InitializePath(nullptr);
    espeak_ng_ERROR_CONTEXT context = nullptr;
    espeak_ng_STATUS status = espeak_ng_Initialize(&context);
    if (status != ENS_OK) {
        char message[256] = {};
        espeak_ng_GetStatusCodeMessage(status, message, sizeof message);
        espeak_ng_ClearErrorContext(&context);
        return Fail("speech.init", std::string("espeak-ng cannot start (") + message +
                                       "); install espeak-ng-data");
    }
    status = espeak_ng_InitializeOutput(mode, 0, nullptr);
    if (status != ENS_OK) {
        return Fail("speech.init", "espeak-ng has no output");
    }
    espeak_SetParameter(espeakRATE, settings.rate_wpm, 0);
    espeak_SetParameter(espeakVOLUME, settings.volume_percent, 0);
    return Ok();
}

espeak_ERROR SynthesizeSsml(const std::string& ssml) {
    return espeak_Synth(ssml.c_str(), ssml.size() + 1, 0, POS_CHARACTER, 0,
                        espeakCHARS_UTF8 | espeakSSML, nullptr, nullptr);
}

// Samples collected by the synth callback (retrieval mode runs on the calling thread).
std::vector<short>* g_samples = nullptr;

int CollectSamples(short* wav, int count, espeak_EVENT*) {
    if (wav != nullptr && count > 0 && g_samples != nullptr) {
        g_samples->insert(g_samples->end(), wav, wav + count);
    }
    return 0;  // go on
}

void PutLe(std::string& out, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) {
        out += static_cast<char>((v >> (8 * i)) & 0xFF);
    }
}

}  // namespace

bool HasSoundCard(const std::string& cards_path) {
    std::ifstream cards(cards_path);
    std::string line;
    while (std::getline(cards, line)) {
        // " 0 [vc4hdmi0      ]: vc4-hdmi - vc4-hdmi-0"; "--- no soundcards ---" otherwise.
        const size_t first = line.find_first_not_of(' ');
        if (first != std::string::npos && line[first] >= '0' && line[first] <= '9') {
            return true;
        }
    }
    return false;
}

Result<WavInfo> SynthesizeToWav(const SpeechScript& script, const std::string& path,
                                SpeechSettings settings) {
    if (auto r = InitializeEngine(ENOUTPUT_MODE_SYNCHRONOUS, settings); !r) {
        return Unexpected<Error>(r.error());
    }
    std::vector<short> samples;
    g_samples = &samples;
    espeak_SetSynthCallback(CollectSamples);
    const espeak_ERROR e = SynthesizeSsml(SpeechSsml(script));
    espeak_Synchronize();
    g_samples = nullptr;
    if (e != EE_OK) {
        return Fail("speech.synth", "espeak-ng could not synthesize the text");
    }
    WavInfo info;
    info.samples = samples.size();
    info.sample_rate = espeak_ng_GetSampleRate();
    info.seconds = info.sample_rate > 0
                       ? static_cast<double>(samples.size()) / static_cast<double>(info.sample_rate)
                       : 0.0;
    double sum = 0.0;
    for (const short s : samples) {
        sum += static_cast<double>(s) * static_cast<double>(s);
    }
    info.rms = samples.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(samples.size()));

    const auto data_bytes = static_cast<std::uint32_t>(samples.size() * sizeof(short));
    const auto rate = static_cast<std::uint32_t>(info.sample_rate);
    std::string wav;
    wav.reserve(44 + data_bytes);
    wav += "RIFF";
    PutLe(wav, 36 + data_bytes, 4);
    wav += "WAVEfmt ";
    PutLe(wav, 16, 4);        // fmt chunk size
    PutLe(wav, 1, 2);         // PCM
    PutLe(wav, 1, 2);         // mono
    PutLe(wav, rate, 4);      // samples per second
    PutLe(wav, rate * 2, 4);  // bytes per second
    PutLe(wav, 2, 2);         // bytes per frame
    PutLe(wav, 16, 2);        // bits per sample
    wav += "data";
    PutLe(wav, data_bytes, 4);
    for (const short s : samples) {
        PutLe(wav, static_cast<std::uint16_t>(s), 2);
    }
    std::ofstream out(path, std::ios::binary);
    out.write(wav.data(), static_cast<std::streamsize>(wav.size()));
    if (!out) {
        return Fail("io.write", "cannot write " + path);
    }
    return info;
}

EspeakSpeech::EspeakSpeech(SpeechSettings settings, Offer offer, std::function<void()> on_change)
    : m_settings(settings),
      m_on_change(std::move(on_change)),
      m_forced(offer == Offer::kAlways),
      m_available(offer != Offer::kNo) {
    if (offer != Offer::kNo) {
        m_thread = std::thread([this] { Run(); });
    }
}

EspeakSpeech::~EspeakSpeech() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void EspeakSpeech::Speak(SpeechScript script) {
    if (!m_available || m_engine_failed || script.empty()) {
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_pending = std::move(script);
        m_stop_requested = false;
        m_speaking = true;  // at once, so the button says "Stopp" in the next frame
    }
    m_wake.notify_all();
}

void EspeakSpeech::Stop() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_pending.reset();
        m_stop_requested = true;
        m_speaking = false;
    }
    m_wake.notify_all();
}

void EspeakSpeech::Finished() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_pending) {
            return;  // a new script is waiting: still speaking
        }
        m_speaking = false;
    }
    if (m_on_change) {
        m_on_change();
    }
}

void EspeakSpeech::Run() {
    // The engine starts here, not on the UI thread: opening the sound device can take a while.
    if (auto r = InitializeEngine(ENOUTPUT_MODE_SPEAK_AUDIO, m_settings); !r) {
        m_engine_failed = true;
        m_available = m_forced;
        m_speaking = false;
        if (m_on_change) {
            m_on_change();
        }
        return;
    }
    bool playing = false;
    for (;;) {
        std::optional<SpeechScript> script;
        bool stop = false;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            const auto has_work = [this] { return m_quit || m_stop_requested || m_pending; };
            if (playing) {
                m_wake.wait_for(lock, kPollInterval, has_work);
            } else {
                m_wake.wait(lock, has_work);
            }
            if (m_quit) {
                break;
            }
            stop = m_stop_requested;
            m_stop_requested = false;
            script = std::move(m_pending);
            m_pending.reset();
        }
        if (stop || script) {
            espeak_Cancel();
            playing = false;
        }
        if (script) {
            playing = SynthesizeSsml(SpeechSsml(*script)) == EE_OK;
            if (!playing) {
                Finished();
            }
            continue;
        }
        if (playing && espeak_IsPlaying() == 0) {
            playing = false;
            Finished();  // "Stopp" turns back into "Vorlesen"
        }
    }
    espeak_Cancel();
    espeak_Terminate();
}

}  // namespace treffpunkt
