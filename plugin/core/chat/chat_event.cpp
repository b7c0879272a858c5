#include "core/chat/chat_event.hpp"

#include <cstdio>
#include <ctime>

namespace stagehand::core::chat {

const char* to_string(ConnectionState state) {
    switch (state) {
    case ConnectionState::connecting:
        return "connecting";
    case ConnectionState::connected:
        return "connected";
    case ConnectionState::reconnecting:
        return "reconnecting";
    case ConnectionState::ended:
        return "ended";
    case ConnectionState::error:
        return "error";
    }
    return "error";
}

std::vector<std::string> role_names(std::uint32_t roles) {
    std::vector<std::string> names;
    if (roles & kBroadcaster)
        names.emplace_back("broadcaster");
    if (roles & kModerator)
        names.emplace_back("moderator");
    if (roles & kVip)
        names.emplace_back("vip");
    if (roles & kSubscriber)
        names.emplace_back("subscriber");
    if (roles & kMember)
        names.emplace_back("member");
    return names;
}

std::string format_time(Clock::time_point time) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch());
    const std::time_t seconds = static_cast<std::time_t>(ms.count() / 1000);
    std::tm parts{};
#if defined(_WIN32)
    gmtime_s(&parts, &seconds);
#else
    gmtime_r(&seconds, &parts);
#endif
    char text[96];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<int>(((ms.count() % 1000) + 1000) % 1000));
    return text;
}

std::optional<Clock::time_point> parse_time(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
    auto digits = [&](std::size_t at, std::size_t count, int& out) {
        if (at + count > text.size())
            return false;
        out = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    int year, month, day, hour, minute, second;
    if (!digits(0, 4, year) || !digits(5, 2, month) || !digits(8, 2, day) || !digits(11, 2, hour) ||
        !digits(14, 2, minute) || !digits(17, 2, second) || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':' || month < 1 ||
        month > 12 || day < 1 || day > 31 || year < 1970 || year > 2200 || hour > 23 ||
        minute > 59 || second > 60)
        return std::nullopt;
    std::size_t at = 19;
    long long millis = 0;
    if (at < text.size() && text[at] == '.') {
        long long scale = 100;
        for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
            millis += (text[at] - '0') * scale;
            scale /= 10;
        }
    }
    long long offset_minutes = 0;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        int oh, om;
        if (!digits(at + 1, 2, oh) || !digits(at + 4, 2, om))
            return std::nullopt;
        offset_minutes = (text[at] == '-' ? -1 : 1) * (oh * 60 + om);
    } else if (at >= text.size() || (text[at] != 'Z' && text[at] != 'z')) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year(year),
                                           std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok())
        return std::nullopt;
    const auto midnight = std::chrono::sys_days(date);
    return Clock::time_point(midnight) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
           std::chrono::seconds(second) + std::chrono::milliseconds(millis) -
           std::chrono::minutes(offset_minutes);
}

} // namespace stagehand::core::chat
