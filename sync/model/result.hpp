// Result<T>: recoverable failures as values, shaped like std::expected<T, Error> so that moving
// to C++23 later is a rename. Standard library only; every module uses it.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace treffpunkt {

// What went wrong. `code` is stable and machine-readable (the UI maps it to a translated
// message); `message` is English, for logs and the command line, and says what to do.
struct Error {
    std::string code;     // e.g. "db.newer_schema", "dataset.invalid", "io.open"
    std::string message;  // e.g. "cannot open /x.json: No such file or directory"
};

template <class E>
class Unexpected {
  public:
    explicit Unexpected(E error) : m_error(std::move(error)) {}
    E& error() & { return m_error; }
    E&& error() && { return std::move(m_error); }

  private:
    E m_error;
};

// Shorthand for the common case: return Fail("io.open", "cannot open " + path);
inline Unexpected<Error> Fail(std::string code, std::string message) {
    return Unexpected<Error>(Error{std::move(code), std::move(message)});
}

template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Unexpected<Error> e) : m_v(std::in_place_index<1>, std::move(e).error()) {}

    bool has_value() const { return m_v.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & {
        assert(has_value());
        return std::get<0>(m_v);
    }
    const T& value() const& {
        assert(has_value());
        return std::get<0>(m_v);
    }
    T&& value() && {
        assert(has_value());
        return std::get<0>(std::move(m_v));
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const {
        assert(!has_value());
        return std::get<1>(m_v);
    }
    T value_or(T fallback) const { return has_value() ? std::get<0>(m_v) : std::move(fallback); }

  private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Unexpected<Error> e) : m_error(std::move(e).error()), m_failed(true) {}

    bool has_value() const { return !m_failed; }
    explicit operator bool() const { return has_value(); }
    const Error& error() const {
        assert(m_failed);
        return m_error;
    }

  private:
    Error m_error;
    bool m_failed = false;
};

// A successful Result<void>.
inline Result<void> Ok() {
    return {};
}

// The error of a failed result, to return from a function of another result type:
//   if (!r) { return ErrorFrom(r); }
template <class T>
Unexpected<Error> ErrorFrom(const Result<T>& failed) {
    return Unexpected<Error>(failed.error());
}

}  // namespace treffpunkt
