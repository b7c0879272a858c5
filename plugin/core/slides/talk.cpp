#include "core/slides/talk.hpp"

#include "core/base/json_fields.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace stagehand::core::slides {

namespace {

using nlohmann::json;

struct Bad {
    std::string message;
};

int slide_number(const json& object, const char* key, const std::string& where, int max) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer() || it->get<long long>() < 1 ||
        (max > 0 && it->get<long long>() > max))
        throw Bad{where + "/" + key + ": expected a slide number 1.." +
                  (max > 0 ? std::to_string(max) : std::string("n")) + ", " +
                  (it == object.end() ? std::string("got nothing") : got(*it))};
    return static_cast<int>(it->get<long long>());
}

double minutes_at(const json& object, const char* key, const std::string& where) {
    const auto it = object.find(key);
    if (it == object.end())
        return 0;
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 24 * 60)
        throw Bad{where + "/" + key + ": expected minutes 0..1440, " + got(*it)};
    return it->get<double>();
}

} // namespace

double Talk::planned_minutes() const {
    if (minutes > 0)
        return minutes;
    double sum = 0;
    for (const Section& s : sections)
        sum += s.minutes;
    return sum;
}

std::optional<Talk> parse_talk(std::string_view text, std::string& error) {
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        error = "/: not JSON";
        return std::nullopt;
    }
    try {
        if (!doc.is_object())
            throw Bad{"/: expected an object, " + got(doc)};
        const auto format = doc.find("format");
        if (format == doc.end() || *format != "stagehand.talk")
            throw Bad{"/format: expected \"stagehand.talk\", " +
                      (doc.contains("format") ? got(doc["format"]) : std::string("got nothing"))};
        const auto version = doc.find("version");
        if (version == doc.end() || !version->is_number_integer())
            throw Bad{"/version: expected 1"};
        if (version->get<int>() > 1)
            throw Bad{"/version: this talk file is version " + std::to_string(version->get<int>()) +
                      "; this Stagehand reads version 1 (update Stagehand)"};
        if (version->get<int>() != 1)
            throw Bad{"/version: expected 1, " + got(*version)};
        Talk talk;
        if (const auto title = doc.find("title"); title != doc.end()) {
            if (!title->is_string())
                throw Bad{"/title: expected a string, " + got(*title)};
            talk.title = title->get<std::string>();
        }
        talk.slides = slide_number(doc, "slides", "", 10000);
        talk.minutes = minutes_at(doc, "minutes", "");
        if (const auto sections = doc.find("sections"); sections != doc.end()) {
            if (!sections->is_array())
                throw Bad{"/sections: expected a list, " + got(*sections)};
            for (std::size_t i = 0; i < sections->size(); ++i) {
                const std::string where = "/sections/" + std::to_string(i);
                const json& s = (*sections)[i];
                if (!s.is_object())
                    throw Bad{where + ": expected an object, " + got(s)};
                Section section;
                const auto title = s.find("title");
                if (title == s.end() || !title->is_string() || title->get<std::string>().empty())
                    throw Bad{where + "/title: expected a title"};
                section.title = title->get<std::string>();
                section.first_slide = slide_number(s, "first_slide", where, talk.slides);
                section.minutes = minutes_at(s, "minutes", where);
                if (!talk.sections.empty() &&
                    section.first_slide <= talk.sections.back().first_slide)
                    throw Bad{where + "/first_slide: expected a slide after " +
                              std::to_string(talk.sections.back().first_slide) +
                              " (sections are in slide order), got " +
                              std::to_string(section.first_slide)};
                talk.sections.push_back(std::move(section));
            }
        }
        return talk;
    } catch (const Bad& bad) {
        error = bad.message;
    } catch (const json::exception& e) {
        error = std::string("/: ") + e.what();
    }
    return std::nullopt;
}

json to_json(const Talk& talk) {
    json sections = json::array();
    for (const Section& s : talk.sections)
        sections.push_back(
            {{"title", s.title}, {"first_slide", s.first_slide}, {"minutes", s.minutes}});
    return {{"format", "stagehand.talk"}, {"version", 1},
            {"title", talk.title},        {"slides", talk.slides},
            {"minutes", talk.minutes},    {"sections", std::move(sections)}};
}

void TalkTimer::start(std::int64_t now_ms) {
    if (running_)
        return;
    running_ = true;
    started_ms_ = now_ms;
}

void TalkTimer::pause(std::int64_t now_ms) {
    if (!running_)
        return;
    banked_ms_ += std::max<std::int64_t>(0, now_ms - started_ms_);
    running_ = false;
}

void TalkTimer::reset() {
    running_ = false;
    banked_ms_ = 0;
    started_ms_ = 0;
    extra_ms_ = 0;
}

std::int64_t TalkTimer::elapsed_ms(std::int64_t now_ms) const {
    return banked_ms_ + (running_ ? std::max<std::int64_t>(0, now_ms - started_ms_) : 0);
}

json TalkTimer::to_json(std::int64_t now_ms, std::int64_t wall_now_ms) const {
    return {{"running", running_},
            {"elapsed_ms", elapsed_ms(now_ms)},
            {"saved_at_wall_ms", wall_now_ms},
            {"extra_ms", extra_ms_}};
}

void TalkTimer::from_json(const json& j, std::int64_t now_ms, std::int64_t wall_now_ms) {
    // A year either way is far past any talk: larger values were not written by a timer.
    constexpr std::int64_t kYear = 366LL * 24 * 3600 * 1000;
    const Fields fields(j, "/timer");
    const std::int64_t elapsed = fields.integer("elapsed_ms", 0, 0, kYear);
    const std::int64_t extra = fields.integer("extra_ms", 0, -kYear, kYear);
    const bool running = fields.boolean("running", false);
    const std::int64_t saved_at = fields.integer("saved_at_wall_ms", wall_now_ms, 0,
                                                 std::numeric_limits<std::int64_t>::max());
    reset();
    banked_ms_ = elapsed;
    extra_ms_ = extra;
    if (running) {
        // The talk went on while OBS was down: count that time too (a wall clock that went
        // backwards counts nothing, and neither does one that jumped by more than a year).
        banked_ms_ += std::clamp<std::int64_t>(wall_now_ms - saved_at, 0, kYear);
        running_ = true;
        started_ms_ = now_ms;
    }
}

void TalkState::set_total(int total) {
    talk_.slides = std::max(0, total);
    go_to(current_);
}

void TalkState::go_to(int slide) {
    const int last = talk_.slides > 0 ? talk_.slides : std::max(slide, 1);
    current_ = std::clamp(slide, 1, last);
}

void TalkState::load(Talk talk) {
    talk_ = std::move(talk);
    go_to(current_);
}

TalkStatus TalkState::status(std::int64_t now_ms, std::int64_t warning_ms) const {
    TalkStatus s;
    s.current = current_;
    s.total = talk_.slides;
    s.sections = static_cast<int>(talk_.sections.size());
    for (std::size_t i = 0; i < talk_.sections.size(); ++i)
        if (talk_.sections[i].first_slide <= current_)
            s.section_index = static_cast<int>(i);
    if (s.section_index >= 0) {
        s.section = talk_.sections[static_cast<std::size_t>(s.section_index)].title;
        if (static_cast<std::size_t>(s.section_index) + 1 < talk_.sections.size())
            s.next_section = talk_.sections[static_cast<std::size_t>(s.section_index) + 1].title;
    }
    s.progress = s.total > 1 ? static_cast<double>(current_ - 1) / (s.total - 1) : (s.total == 1);
    s.running = timer_.running();
    s.elapsed_ms = timer_.elapsed_ms(now_ms);
    const double planned_minutes = talk_.planned_minutes();
    s.planned_ms = planned_minutes > 0
                       ? static_cast<std::int64_t>(planned_minutes * 60000.0) + timer_.extra_ms()
                       : 0;
    // Where the plan says the talk should be by now, from the position: the sections' own
    // minutes when they have them, else an even pace over the slides.
    double expected_minutes = -1;
    bool sections_planned = !talk_.sections.empty();
    for (const Section& sec : talk_.sections)
        sections_planned = sections_planned && sec.minutes > 0;
    if (sections_planned && s.section_index >= 0 && s.total > 0) {
        expected_minutes = 0;
        for (int i = 0; i < s.section_index; ++i)
            expected_minutes += talk_.sections[static_cast<std::size_t>(i)].minutes;
        const Section& sec = talk_.sections[static_cast<std::size_t>(s.section_index)];
        const int end =
            static_cast<std::size_t>(s.section_index) + 1 < talk_.sections.size()
                ? talk_.sections[static_cast<std::size_t>(s.section_index) + 1].first_slide
                : s.total + 1;
        const int count = std::max(1, end - sec.first_slide);
        expected_minutes += sec.minutes * (current_ - sec.first_slide) / count;
    } else if (planned_minutes > 0 && s.total > 0) {
        expected_minutes = planned_minutes * (current_ - 1) / s.total;
    }
    if (expected_minutes >= 0 && (s.running || s.elapsed_ms > 0))
        s.pace_ms = static_cast<std::int64_t>(expected_minutes * 60000.0) - s.elapsed_ms;
    s.warning = s.pace_ms < -warning_ms;
    s.overtime = s.planned_ms > 0 && s.elapsed_ms > s.planned_ms;
    return s;
}

json TalkState::to_json(std::int64_t now_ms, std::int64_t wall_now_ms) const {
    return {{"format", "stagehand.slides-state"},
            {"version", 1},
            {"current", current_},
            {"talk", slides::to_json(talk_)},
            {"timer", timer_.to_json(now_ms, wall_now_ms)}};
}

bool TalkState::from_json(const json& j, std::int64_t now_ms, std::int64_t wall_now_ms,
                          std::string& error) {
    try {
        const Fields root(j);
        root.expect_string("format", "stagehand.slides-state");
        root.integer("version", 1, 1, 1);
        Talk talk;
        if (const auto* t = root.find("talk")) {
            auto parsed = parse_talk(t->dump(), error);
            if (!parsed) {
                error = "/talk" + error;
                return false;
            }
            talk = std::move(*parsed);
        }
        const int current = static_cast<int>(root.integer("current", 1, 1, 10000));
        TalkTimer timer;
        if (const auto* saved = root.find("timer"))
            timer.from_json(*saved, now_ms, wall_now_ms);
        // Everything was read: only now does the state change, so a bad file changes nothing.
        talk_ = std::move(talk);
        timer_ = timer;
        go_to(current);
        return true;
    } catch (const ShapeError& e) {
        error = e.what();
    }
    return false;
}

std::optional<Position> parse_position(std::string_view text) {
    text = text.substr(0, text.find('\n'));
    auto number = [](std::string_view& rest) -> std::optional<int> {
        while (!rest.empty() &&
               (rest.front() == ' ' || rest.front() == '\t' || rest.front() == '\r'))
            rest.remove_prefix(1);
        int value = 0;
        std::size_t digits = 0;
        while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9' && digits < 6)
            value = value * 10 + (rest[digits++] - '0');
        if (digits == 0)
            return std::nullopt;
        rest.remove_prefix(digits);
        while (!rest.empty() &&
               (rest.front() == ' ' || rest.front() == '\t' || rest.front() == '\r'))
            rest.remove_prefix(1);
        return value;
    };
    Position position;
    const auto current = number(text);
    if (!current || *current < 1)
        return std::nullopt;
    position.current = *current;
    if (!text.empty() && text.front() == '/') {
        text.remove_prefix(1);
        const auto total = number(text);
        if (!total || *total < 1)
            return std::nullopt;
        position.total = *total;
    }
    if (!text.empty())
        return std::nullopt;
    return position;
}

std::string clock_text(std::int64_t ms) {
    const std::int64_t total = std::max<std::int64_t>(0, ms) / 1000;
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", static_cast<long long>(total / 3600),
                      static_cast<long long>(total / 60 % 60), static_cast<long long>(total % 60));
    else
        std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(total / 60),
                      static_cast<long long>(total % 60));
    return text;
}

std::string pace_words(std::int64_t pace_ms) {
    const std::int64_t magnitude = pace_ms < 0 ? -pace_ms : pace_ms;
    if (magnitude < 30000)
        return "on time";
    const std::string amount = magnitude % 60000 < 1000 ? std::to_string(magnitude / 60000) + " min"
                                                        : clock_text(magnitude);
    return amount + (pace_ms > 0 ? " ahead" : " behind");
}

} // namespace stagehand::core::slides
