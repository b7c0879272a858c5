#include "core/text/font_source.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace stagehand::core::text {

Coverage::Coverage(std::vector<std::pair<char32_t, char32_t>> ranges)
    : ranges_(std::move(ranges)) {
    std::sort(ranges_.begin(), ranges_.end());
    std::vector<std::pair<char32_t, char32_t>> merged;
    for (const auto& r : ranges_) {
        if (!merged.empty() && r.first <= merged.back().second + 1)
            merged.back().second = std::max(merged.back().second, r.second);
        else
            merged.push_back(r);
    }
    ranges_ = std::move(merged);
}

void Coverage::add_ascending(char32_t cp) {
    if (!ranges_.empty() && cp <= ranges_.back().second)
        return; // not ascending: already in (character maps can repeat a code point)
    if (!ranges_.empty() && cp == ranges_.back().second + 1)
        ranges_.back().second = cp;
    else
        ranges_.emplace_back(cp, cp);
}

bool Coverage::has(char32_t cp) const {
    // The first range that ends at or after cp.
    const auto it = std::lower_bound(
        ranges_.begin(), ranges_.end(), cp,
        [](const std::pair<char32_t, char32_t>& r, char32_t c) { return r.second < c; });
    return it != ranges_.end() && it->first <= cp;
}

bool Coverage::adds_to(const Coverage& other) const {
    auto o = other.ranges_.begin();
    for (const auto& [first, last] : ranges_) {
        char32_t from = first;
        while (from <= last) {
            while (o != other.ranges_.end() && o->second < from)
                ++o;
            if (o == other.ranges_.end() || o->first > from)
                return true; // `from` is not in other
            if (o->second >= last)
                break;
            from = o->second + 1;
        }
    }
    return false;
}

void Coverage::merge(const Coverage& other) {
    std::vector<std::pair<char32_t, char32_t>> all = ranges_;
    all.insert(all.end(), other.ranges_.begin(), other.ranges_.end());
    *this = Coverage(std::move(all));
}

std::size_t Coverage::size() const {
    std::size_t n = 0;
    for (const auto& [first, last] : ranges_)
        n += static_cast<std::size_t>(last - first) + 1;
    return n;
}

namespace {

std::vector<std::filesystem::path> split_path_list(std::string_view list) {
#if defined(_WIN32)
    constexpr char separator = ';';
#else
    constexpr char separator = ':';
#endif
    std::vector<std::filesystem::path> out;
    while (!list.empty()) {
        const std::size_t end = std::min(list.find(separator), list.size());
        if (end > 0)
            out.emplace_back(std::u8string(reinterpret_cast<const char8_t*>(list.data()), end));
        list.remove_prefix(std::min(end + 1, list.size()));
    }
    return out;
}

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

// fontconfig first; when it finds no font at all for a request (no configuration, an empty
// cache on a portable install), the font folders.
class FirstThatFinds final : public FontSource {
public:
    FirstThatFinds(std::unique_ptr<FontSource> first, std::unique_ptr<FontSource> second)
        : first_(std::move(first))
        , second_(std::move(second)) {}

    std::vector<FoundFace> sorted(const FontRequest& request) override {
        if (!using_second_) {
            auto found = first_->sorted(request);
            if (!found.empty())
                return found;
            using_second_ = true;
        }
        return second_->sorted(request);
    }
    std::optional<FoundFace> emoji() override {
        return using_second_ ? second_->emoji() : first_->emoji();
    }
    std::string name() const override { return using_second_ ? second_->name() : first_->name(); }

private:
    std::unique_ptr<FontSource> first_, second_;
    bool using_second_ = false;
};

} // namespace

std::vector<std::filesystem::path> system_font_folders() {
    namespace fs = std::filesystem;
    if (const std::string dirs = env("STAGEHAND_FONT_DIRS"); !dirs.empty())
        return split_path_list(dirs);
    std::vector<fs::path> out;
#if defined(_WIN32)
    const std::string windows = env("WINDIR");
    out.push_back(fs::path(windows.empty() ? "C:\\Windows" : windows) / "Fonts");
    if (const std::string local = env("LOCALAPPDATA"); !local.empty())
        out.push_back(fs::path(local) / "Microsoft" / "Windows" / "Fonts");
#elif defined(__APPLE__)
    out = {"/System/Library/Fonts", "/Library/Fonts"};
    if (const std::string home = env("HOME"); !home.empty())
        out.push_back(fs::path(home) / "Library" / "Fonts");
#else
    const std::string home = env("HOME");
    const std::string data_home = env("XDG_DATA_HOME");
    if (!data_home.empty())
        out.push_back(fs::path(data_home) / "fonts");
    else if (!home.empty())
        out.push_back(fs::path(home) / ".local" / "share" / "fonts");
    if (!home.empty())
        out.push_back(fs::path(home) / ".fonts");
    const std::string data_dirs = env("XDG_DATA_DIRS");
    for (const fs::path& dir :
         split_path_list(data_dirs.empty() ? "/usr/local/share:/usr/share" : data_dirs))
        out.push_back(dir / "fonts");
#endif
    return out;
}

std::unique_ptr<FontSource> default_font_source() {
    auto folders = make_folder_source(system_font_folders());
    if (env("STAGEHAND_FONT_LOOKUP") == "folders")
        return folders;
#if defined(STAGEHAND_HAVE_FONTCONFIG)
    return std::make_unique<FirstThatFinds>(make_fontconfig_source(), std::move(folders));
#else
    return folders;
#endif
}

} // namespace stagehand::core::text
