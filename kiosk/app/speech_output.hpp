// Reading aloud ("Vorlesen"): the text a screen hands to a speech engine, and the engine's
// interface. The engine (espeak-ng, kiosk/platform/espeak_speech.hpp) lives with the platform;
// the app and the screens only see this interface, and tests use a fake. No UI, no audio here.
#pragma once

#include <string>
#include <vector>

namespace treffpunkt {

// A piece of text in one language: the UI's words in the reader's language, a listing's text
// in the language it is written in (German where it has no translation).
struct SpeechPart {
    std::string language;  // two-letter code, e.g. "de"
    std::string text;      // plain UTF-8 sentences, no markup

    bool operator==(const SpeechPart&) const = default;
};

// What one tap on "Vorlesen" reads, in order.
using SpeechScript = std::vector<SpeechPart>;

class SpeechOutput {
  public:
    virtual ~SpeechOutput() = default;
    // True if the kiosk can play speech (a sound device, or forced on in the config). The
    // "Vorlesen" button is hidden otherwise. Thread: any.
    virtual bool Available() const = 0;
    // Starts reading `script`, replacing whatever is being read. Returns at once; the
    // synthesis runs on the engine's own thread. Thread: the UI thread.
    virtual void Speak(SpeechScript script) = 0;
    // Stops reading (no-op if silent). Returns at once. Thread: the UI thread.
    virtual void Stop() = 0;
    // True from Speak until the text has been read or stopped. Thread: any.
    virtual bool Speaking() const = 0;
};

}  // namespace treffpunkt
