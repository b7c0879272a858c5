#include "core/text/font_registry.hpp"

#include "core/text/font_source.hpp"

#include <algorithm>
#include <cctype>

namespace stagehand::core::text {

namespace {

bool same_family(std::string a, std::string b) {
    auto lower = [](std::string& s) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    };
    lower(a);
    lower(b);
    return a == b;
}

bool is_generic(const std::string& family) {
    return same_family(family, "sans-serif") || same_family(family, "serif") ||
           same_family(family, "monospace") || same_family(family, "sans") ||
           same_family(family, "mono") || same_family(family, "emoji");
}

} // namespace

std::size_t FontChain::entry_for(char32_t cp, bool prefer_emoji) const {
    if (prefer_emoji && emoji >= 0 && entries[static_cast<std::size_t>(emoji)].coverage->has(cp))
        return static_cast<std::size_t>(emoji);
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (entries[i].coverage && entries[i].coverage->has(cp))
            return i;
    return 0;
}

FontRegistry& FontRegistry::global() {
    static FontRegistry registry;
    return registry;
}

FontRegistry::FontRegistry()
    : FontRegistry(default_font_source()) {}

FontRegistry::FontRegistry(std::unique_ptr<FontSource> source)
    : source_(std::move(source)) {}

FontRegistry::~FontRegistry() = default;

std::string FontRegistry::source_name() const {
    std::lock_guard lock(source_mutex_); // the name changes when fontconfig finds nothing
    return source_ ? source_->name() : "no font source";
}

std::uint32_t FontRegistry::face_id(const std::string& path, int index, const std::string& family) {
    std::lock_guard lock(mutex_);
    const std::string key = path + '#' + std::to_string(index);
    if (auto it = ids_.find(key); it != ids_.end())
        return it->second;
    const auto id = static_cast<std::uint32_t>(faces_.size());
    faces_.push_back(FaceFile{path, index, family});
    ids_.emplace(key, id);
    return id;
}

FaceFile FontRegistry::file(std::uint32_t face) const {
    std::lock_guard lock(mutex_);
    return face < faces_.size() ? faces_[face] : FaceFile{};
}

std::shared_ptr<const FontChain> FontRegistry::chain(const FontRequest& request) {
    {
        std::lock_guard lock(mutex_);
        for (const auto& [req, chain] : chains_)
            if (req == request)
                return chain;
    }

    auto chain = std::make_shared<FontChain>();
    std::vector<FoundFace> found;
    std::optional<FoundFace> emoji;
    if (source_) {
        std::lock_guard lock(source_mutex_);
        found = source_->sorted(request);
        emoji = source_->emoji();
    }
    std::vector<ChainEntry> entries;
    for (const FoundFace& f : found) {
        if (entries.size() >= 24)
            break;
        if (!f.path.empty() && f.coverage)
            entries.push_back(ChainEntry{face_id(f.path, f.index, f.family), f.coverage, f.color});
    }

    // Emoji: the colour font goes where emoji look for it, even if it sorted late.
    if (emoji && emoji->color && !emoji->path.empty() && emoji->coverage) {
        const std::uint32_t id = face_id(emoji->path, emoji->index, emoji->family);
        auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const ChainEntry& e) { return e.face == id; });
        if (it == entries.end()) {
            entries.push_back(ChainEntry{id, emoji->coverage, true});
            it = entries.end() - 1;
        }
        chain->emoji = static_cast<int>(it - entries.begin());
    }

    if (entries.empty()) {
        chain->warnings.push_back("no font found for \"" + request.family + "\": " + source_name() +
                                  " lists no fonts (is any font package installed?)");
    } else {
        const std::string got = file(entries.front().face).family;
        if (!is_generic(request.family) && !same_family(got, request.family))
            chain->warnings.push_back("font family \"" + request.family +
                                      "\" is not installed; using \"" + got + "\" instead");
    }
    chain->entries = std::move(entries);

    std::lock_guard lock(mutex_);
    chains_.emplace_back(request, chain);
    return chain;
}

} // namespace stagehand::core::text
