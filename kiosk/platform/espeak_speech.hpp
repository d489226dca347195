// Reading aloud with espeak-ng (libespeak-ng; voices in espeak-ng-data, no network): the
// SpeechOutput the kiosk's "Vorlesen" button talks to. A worker thread owns the engine; the
// UI thread only hands it a script or a stop and never waits for speech. Each part of a script
// is read with the voice of its language (SSML <voice xml:lang>).
//
// espeak-ng is one engine per process: use either an EspeakSpeech (sound) or SynthesizeToWav
// (files, for tests) in a process, not both.
//
// Deliberately not here: choosing an audio device (espeak-ng plays through PulseAudio or ALSA's
// default device), and reading the screen by itself (only a tap reads).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/app/speech_output.hpp"
#include "sync/model/result.hpp"

namespace treffpunkt {

struct SpeechSettings {
    int volume_percent{100};  // espeak-ng volume: 100 = its normal loudness, 0–200
    int rate_wpm{150};        // words per minute, 80–450
};

// True if the system has a sound card: `cards_path` (/proc/asound/cards) lists one. A kiosk
// without one (or a CI machine) hides the "Vorlesen" button.
bool HasSoundCard(const std::string& cards_path = "/proc/asound/cards");

struct WavInfo {
    size_t samples{0};    // 16-bit mono samples written
    int sample_rate{0};   // per second (espeak-ng: 22050)
    double seconds{0.0};  // samples / sample_rate
    double rms{0.0};      // loudness, 0..32767 (0 = silence)
};

// Synthesizes `script` (each part in its language's voice) into a 16-bit mono WAV file at
// `path`, without any audio device. Blocks the calling thread. Errors: "speech.init" (espeak-ng
// or its data missing: install espeak-ng-data), "speech.synth", "io.write".
Result<WavInfo> SynthesizeToWav(const SpeechScript& script, const std::string& path,
                                SpeechSettings settings = {});

class EspeakSpeech : public SpeechOutput {
  public:
    // How the button is offered.
    enum class Offer {
        kNo,       // never (no sound card): no thread, no engine
        kIfWorks,  // if the engine starts with sound output; else Available() turns false
        kAlways,   // always (forced in the config), even if the engine cannot play
    };
    // The engine starts on its own thread. `on_change` is called on the worker thread when
    // reading ends or availability changes (the GUI wakes its loop with it).
    EspeakSpeech(SpeechSettings settings, Offer offer, std::function<void()> on_change);
    ~EspeakSpeech() override;  // stops reading and joins the thread
    EspeakSpeech(const EspeakSpeech&) = delete;
    EspeakSpeech& operator=(const EspeakSpeech&) = delete;

    bool Available() const override { return m_available; }
    void Speak(SpeechScript script) override;
    void Stop() override;
    bool Speaking() const override { return m_speaking; }

  private:
    void Run();
    // Reading ended (or could not start): Speaking() turns false unless a script waits.
    void Finished();

    SpeechSettings m_settings;
    std::function<void()> m_on_change;
    bool m_forced{false};  // Offer::kAlways
    std::atomic<bool> m_available{false};
    std::atomic<bool> m_engine_failed{false};  // the engine did not start: Speak does nothing
    std::atomic<bool> m_speaking{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<SpeechScript> m_pending;  // guarded by m_mutex
    bool m_stop_requested{false};           // guarded by m_mutex
    bool m_quit{false};                     // guarded by m_mutex
    std::thread m_thread;                   // last: starts after everything above exists
};

}  // namespace treffpunkt
