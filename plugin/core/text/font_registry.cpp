#include "core/text/font_registry.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cctype>

namespace stagehand::core::text {

namespace {

int fc_weight(int css_weight) {
    return FcWeightFromOpenType(std::clamp(css_weight, 1, 1000));
}

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

std::string get_string(FcPattern* p, const char* object) {
    FcChar8* value = nullptr;
    if (FcPatternGetString(p, object, 0, &value) == FcResultMatch && value)
        return reinterpret_cast<const char*>(value);
    return {};
}

FcPattern* make_pattern(const FontRequest& r) {
    FcPattern* p = FcPatternCreate();
    FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(r.family.c_str()));
    if (!r.generic.empty())
        FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(r.generic.c_str()));
    FcPatternAddInteger(p, FC_WEIGHT, fc_weight(r.weight));
    FcPatternAddInteger(p, FC_SLANT, r.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcConfigSubstitute(nullptr, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    return p;
}

} // namespace

std::size_t FontChain::entry_for(char32_t cp, bool prefer_emoji) const {
    if (prefer_emoji && emoji >= 0 &&
        FcCharSetHasChar(entries[static_cast<std::size_t>(emoji)].charset, cp))
        return static_cast<std::size_t>(emoji);
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (entries[i].charset && FcCharSetHasChar(entries[i].charset, cp))
            return i;
    return 0;
}

FontRegistry& FontRegistry::global() {
    static FontRegistry registry;
    return registry;
}

FontRegistry::FontRegistry() {
    FcInit();
}

FontRegistry::~FontRegistry() {
    for (FcCharSet* cs : charsets_)
        FcCharSetDestroy(cs);
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
    FcPattern* pattern = make_pattern(request);
    FcResult result = FcResultNoMatch;
    // Sorted by closeness, trimmed to fonts that add coverage: fontconfig's own fallback order.
    FcFontSet* sorted = FcFontSort(nullptr, pattern, FcTrue, nullptr, &result);
    std::vector<ChainEntry> entries;
    std::vector<FcCharSet*> new_charsets;
    if (sorted) {
        for (int i = 0; i < sorted->nfont && entries.size() < 24; ++i) {
            FcPattern* font = FcFontRenderPrepare(nullptr, pattern, sorted->fonts[i]);
            if (!font)
                continue;
            const std::string path = get_string(font, FC_FILE);
            int index = 0;
            FcPatternGetInteger(font, FC_INDEX, 0, &index);
            FcCharSet* charset = nullptr;
            FcBool color = FcFalse;
            FcPatternGetBool(font, FC_COLOR, 0, &color);
            if (!path.empty() &&
                FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) == FcResultMatch) {
                FcCharSet* copy = FcCharSetCopy(charset);
                new_charsets.push_back(copy);
                entries.push_back(ChainEntry{face_id(path, index, get_string(font, FC_FAMILY)),
                                             copy, color == FcTrue});
            }
            FcPatternDestroy(font);
        }
        FcFontSetDestroy(sorted);
    }
    FcPatternDestroy(pattern);

    // Emoji: the colour font goes where emoji look for it, even if it sorted late.
    FcPattern* emoji_pattern = make_pattern(FontRequest{"emoji", 400, false, {}});
    FcPattern* emoji_font = FcFontMatch(nullptr, emoji_pattern, &result);
    if (emoji_font) {
        FcBool color = FcFalse;
        FcPatternGetBool(emoji_font, FC_COLOR, 0, &color);
        FcCharSet* charset = nullptr;
        const std::string path = get_string(emoji_font, FC_FILE);
        if (color == FcTrue && !path.empty() &&
            FcPatternGetCharSet(emoji_font, FC_CHARSET, 0, &charset) == FcResultMatch) {
            int index = 0;
            FcPatternGetInteger(emoji_font, FC_INDEX, 0, &index);
            const std::uint32_t id = face_id(path, index, get_string(emoji_font, FC_FAMILY));
            auto it = std::find_if(entries.begin(), entries.end(),
                                   [&](const ChainEntry& e) { return e.face == id; });
            if (it == entries.end()) {
                FcCharSet* copy = FcCharSetCopy(charset);
                new_charsets.push_back(copy);
                entries.push_back(ChainEntry{id, copy, true});
                it = entries.end() - 1;
            }
            chain->emoji = static_cast<int>(it - entries.begin());
        }
        FcPatternDestroy(emoji_font);
    }
    FcPatternDestroy(emoji_pattern);

    if (entries.empty()) {
        chain->warnings.push_back("no font found for \"" + request.family +
                                  "\": fontconfig lists no fonts (is any font package installed?)");
    } else {
        const std::string got = file(entries.front().face).family;
        if (!is_generic(request.family) && !same_family(got, request.family))
            chain->warnings.push_back("font family \"" + request.family +
                                      "\" is not installed; using \"" + got + "\" instead");
    }
    chain->entries = std::move(entries);

    std::lock_guard lock(mutex_);
    charsets_.insert(charsets_.end(), new_charsets.begin(), new_charsets.end());
    chains_.emplace_back(request, chain);
    return chain;
}

} // namespace stagehand::core::text
