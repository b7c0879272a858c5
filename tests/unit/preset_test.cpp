#include "core/chat/platform.hpp"
#include "core/preset/accessibility.hpp"
#include "core/preset/library.hpp"
#include "core/preset/preset.hpp"
#include "core/preset/schema.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

using namespace stagehand::core;
using namespace stagehand::core::preset;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kPresets = fs::path(STAGEHAND_DATA_DIR) / "presets";
const fs::path kInvalid = fs::path(STAGEHAND_UNIT_DATA_DIR) / "presets" / "invalid";

json read_json(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

std::vector<std::string> error_texts(const LoadResult& result) {
    std::vector<std::string> out;
    for (const auto& e : result.errors)
        out.push_back(e.text());
    return out;
}

Color hex(const char* text) {
    return *parse_hex_color(text);
}

CheckContext platform_marks() {
    CheckContext context;
    for (const auto& p : chat::platforms())
        context.marks.emplace_back(p.name, p.color);
    return context;
}

} // namespace

TEST(Preset, EveryShippedPresetLoadsAndWritesBackTheSameDocument) {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(kPresets)) {
        const json document = read_json(entry.path());
        const LoadResult loaded = load_document(document);
        ASSERT_TRUE(loaded.preset) << entry.path() << ": " << error_texts(loaded).front();
        EXPECT_EQ(loaded.preset->metadata.name, entry.path().stem().string())
            << "a shipped preset's file is named after it";
        EXPECT_EQ(to_json(*loaded.preset), document) << entry.path();
        ++count;
    }
    EXPECT_GE(count, 13) << "dark, light, high contrast and one for each of the ten themes";
}

TEST(Preset, ErrorsNameThePointerAndTheReasonAndEveryErrorIsListed) {
    const LoadResult result = load(R"({
        "format": "stagehand.preset", "version": 1,
        "metadata": {"name": "Look", "revision": 0},
        "code": {"font": {"size": "big"}, "card": {"background": "#12345", "width": 9000000}},
        "slides": {"look": "stripes", "show_timer": 1},
        "stage": {"question": {"x": 10, "y": 10, "width": 5, "height": 100}}})");
    EXPECT_FALSE(result.preset);
    EXPECT_EQ(error_texts(result),
              (std::vector<std::string>{
                  "/metadata/revision: expected an integer from 1, got 0",
                  "/code/card/background: expected a colour like \"#1E1E1E\" or \"#1E1E1ECC\", "
                  "got \"#12345\"",
                  "/code/card/width: expected an integer from 16 to 16384, got 9000000",
                  "/code/font/size: expected a number from 6 to 400, got \"big\"",
                  "/slides/look: expected \"sections\", \"bar\", \"dots\" or \"none\", got "
                  "\"stripes\"",
                  "/slides/show_timer: expected true or false, got 1",
                  "/stage/question/width: expected an integer from 16 to 3840, got 5"}));
}

TEST(Preset, UnknownKeysAreKeptButAMisspeltKnownKeyIsRefused) {
    const json document = json::parse(R"({
        "format": "stagehand.preset", "version": 1, "metadata": {"name": "Team", "x-team": 7},
        "x-brand": {"logo": "logo.png"},
        "code": {"card": {"background": "#101010", "glow": {"radius": 4}}, "font": {"size": 28}}})");
    const LoadResult loaded = load_document(document);
    ASSERT_TRUE(loaded.preset) << error_texts(loaded).front();
    EXPECT_EQ(to_json(*loaded.preset), document) << "keys of a newer version survive a round trip";

    const LoadResult typo = load(R"({"format": "stagehand.preset", "version": 1,
        "metadata": {"name": "Typo"}, "code": {"card": {"backgorund": "#101010"}},
        "qestion": {}})");
    EXPECT_FALSE(typo.preset);
    EXPECT_EQ(error_texts(typo),
              (std::vector<std::string>{
                  "/code/card/backgorund: unknown key \"backgorund\": did you mean "
                  "\"background\"?",
                  "/qestion: unknown key \"qestion\": did you mean \"question\"?"}));
}

TEST(Preset, ANewerVersionIsRefusedWithWhatToDoAndVersionZeroIsMigrated) {
    const LoadResult newer =
        load(R"({"format": "stagehand.preset", "version": 2, "metadata": {"name": "Future"}})");
    EXPECT_FALSE(newer.preset);
    EXPECT_EQ(error_texts(newer),
              (std::vector<std::string>{"/version: version 2 needs a newer Stagehand (this one "
                                        "reads up to 1); update Stagehand to use this preset"}));

    // Version 0: the name at the top, each overlay's look flat by the source's setting names.
    const LoadResult old = load(R"({"format": "stagehand.preset", "version": 0,
        "name": "Old", "author": "Ann",
        "code": {"background_color": "#202020", "font_size": 30, "theme": "monokai",
                 "x-note": "kept"},
        "question": {"question_color": "#FFFFFF", "show_number": false}})");
    ASSERT_TRUE(old.preset) << error_texts(old).front();
    const LoadResult same = load(R"({"format": "stagehand.preset", "version": 1,
        "metadata": {"name": "Old", "author": "Ann"},
        "code": {"card": {"background": "#202020"}, "font": {"size": 30}, "theme": "monokai",
                 "x-note": "kept"},
        "question": {"text": "#FFFFFF", "show_number": false}})");
    ASSERT_TRUE(same.preset);
    EXPECT_EQ(to_json(*old.preset), to_json(*same.preset));
}

TEST(Preset, NotJsonTooBigAndTheWrongFormatAreSaidPlainly) {
    const auto broken = load("{\"format\": \"stagehand.preset\",\n  \"version\": 1,,}");
    ASSERT_EQ(broken.errors.size(), 1u);
    EXPECT_NE(broken.errors[0].reason.find("line 2"), std::string::npos) << broken.errors[0].text();
    EXPECT_EQ(broken.errors[0].reason.find("json.exception"), std::string::npos);
    const auto overflow = load("4439999999e999");
    ASSERT_EQ(overflow.errors.size(), 1u);
    EXPECT_NE(overflow.errors[0].reason.find("not JSON: number overflow"), std::string::npos)
        << overflow.errors[0].text();
    const auto huge = load(std::string(kMaxBytes + 1, ' '));
    ASSERT_EQ(huge.errors.size(), 1u);
    EXPECT_NE(huge.errors[0].reason.find("at most 256 KB"), std::string::npos);
    const auto theme = load(R"({"format": "stagehand.theme", "version": 1})");
    EXPECT_EQ(error_texts(theme),
              (std::vector<std::string>{"/format: expected \"stagehand.preset\", got "
                                        "\"stagehand.theme\""}));
}

TEST(Preset, EveryInvalidCaseIsRefusedWithAPointerIntoIt) {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(kInvalid)) {
        const LoadResult result = load_file(entry.path());
        EXPECT_FALSE(result.preset) << entry.path();
        ASSERT_FALSE(result.errors.empty()) << entry.path();
        EXPECT_EQ(result.errors[0].pointer.front(), '/') << entry.path();
        ++count;
    }
    EXPECT_GE(count, 10);
}

TEST(Preset, TheSchemaFileIsTheOneTheLoaderDescribes) {
    EXPECT_EQ(read_json(fs::path(STAGEHAND_DATA_DIR) / "schema" / "preset.schema.json"), schema())
        << "regenerate it: stagehand-cli preset schema > data/schema/preset.schema.json";
    // Every field of the table has its place in the schema, with its type.
    const json s = schema();
    for (const auto& f : fields()) {
        json::json_pointer at("/properties/" + std::string(to_string(f.overlay)));
        std::string rest = f.path;
        for (auto slash = rest.find('/'); slash != std::string::npos; slash = rest.find('/')) {
            at /= "properties";
            at /= rest.substr(0, slash);
            rest = rest.substr(slash + 1);
        }
        at /= "properties";
        at /= rest;
        EXPECT_TRUE(s.contains(at)) << at.to_string();
    }
}

TEST(Preset, NamesBecomeFileNamesSoNoPathGetsThrough) {
    EXPECT_TRUE(is_preset_name("Conference Dark"));
    EXPECT_TRUE(is_preset_name("team_v2.1"));
    for (const char* bad : {"", "../evil", "a/b", ".hidden", " padded", "tab\tname", "C:\\x"})
        EXPECT_FALSE(is_preset_name(bad)) << bad;
    EXPECT_FALSE(is_preset_name(std::string(101, 'a')));
}

// The WCAG 2.x examples: black on white is 21:1, #767676 is the lightest grey that passes 4.5:1
// on white and #777777 the first that fails; pure red on white is 4:1, blue 8.6:1.
TEST(Accessibility, ContrastRatiosMatchWcagsPublishedFigures) {
    EXPECT_DOUBLE_EQ(relative_luminance(hex("#FFFFFF")), 1.0);
    EXPECT_DOUBLE_EQ(relative_luminance(hex("#000000")), 0.0);
    EXPECT_NEAR(contrast_ratio(hex("#000000"), hex("#FFFFFF")), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio(hex("#FFFFFF"), hex("#000000")), 21.0, 1e-9);
    EXPECT_GE(contrast_ratio(hex("#767676"), hex("#FFFFFF")), 4.5);
    EXPECT_LT(contrast_ratio(hex("#777777"), hex("#FFFFFF")), 4.5);
    EXPECT_NEAR(contrast_ratio(hex("#FF0000"), hex("#FFFFFF")), 4.0, 0.01);
    EXPECT_NEAR(contrast_ratio(hex("#0000FF"), hex("#FFFFFF")), 8.59, 0.01);
    EXPECT_NEAR(contrast_ratio(hex("#FFFFFF"), hex("#FFFFFF")), 1.0, 1e-9);
}

TEST(Accessibility, ColourVisionSimulationMergesWhatEachDeficiencyMerges) {
    const Color red = hex("#D62728"), green = hex("#2CA02C");
    EXPECT_GT(delta_e(red, green), 60) << "plainly different to typical vision";
    EXPECT_LT(
        delta_e(simulate(red, Deficiency::deuteranopia), simulate(green, Deficiency::deuteranopia)),
        delta_e(red, green) / 2)
        << "red and green come together for green-blind viewers";
    const Color blue = hex("#1F77B4"), teal = hex("#17BECF");
    EXPECT_LT(delta_e(simulate(hex("#FFFF00"), Deficiency::tritanopia),
                      simulate(hex("#FFB6C1"), Deficiency::tritanopia)),
              delta_e(hex("#FFFF00"), hex("#FFB6C1")))
        << "yellow and pink come together for blue-blind viewers";
    EXPECT_NEAR(delta_e(simulate(hex("#808080"), Deficiency::protanopia), hex("#808080")), 0.0, 1.5)
        << "greys stay grey";
    (void)blue;
    (void)teal;
}

TEST(Accessibility, TheHighContrastPresetPassesEveryCheckAndALowContrastOneGetsAFix) {
    const auto high = load_file(kPresets / "High Contrast.json");
    ASSERT_TRUE(high.preset);
    for (const double scale : {1.0, 2.0 / 3.0}) {
        CheckContext context = platform_marks();
        context.output_scale = scale;
        const auto warnings = check(*high.preset, context);
        EXPECT_TRUE(warnings.empty()) << warnings.front().text();
    }

    const auto low = load(R"({"format": "stagehand.preset", "version": 1,
        "metadata": {"name": "Grey"},
        "code": {"text": "#888888", "card": {"background": "#FFFFFF"}, "font": {"size": 12}},
        "slides": {"bar": "#EEEEEE", "card": {"background": "#FFFFFF"}},
        "question": {"text": "#FFFFFF", "font": {"size": 40},
                     "card": {"background": "#FFFFFF40"}}})");
    ASSERT_TRUE(low.preset);
    const auto warnings = check(*low.preset, platform_marks());
    std::vector<std::string> pointers;
    for (const auto& w : warnings)
        pointers.push_back(w.pointer);
    EXPECT_EQ(pointers, (std::vector<std::string>{"/code/text", "/code/font/size", "/slides/bar",
                                                  "/question/text", "/question/author"}));
    // The suggested colour really reaches 4.5:1 on the card.
    const auto& code = warnings[0];
    const auto quote = code.suggestion.find('"');
    const Color suggested = hex(code.suggestion.substr(quote + 1, 7).c_str());
    EXPECT_GE(contrast_ratio(suggested, hex("#FFFFFF")), 4.5) << code.text();
    EXPECT_NE(code.problem.find("3.5:1"), std::string::npos) << code.text();
    EXPECT_NE(warnings[1].problem.find("12.0 px"), std::string::npos) << warnings[1].text();
    // A translucent card is judged over the picture behind it: white text over a light one.
    EXPECT_NE(warnings[3].problem.find("light picture"), std::string::npos) << warnings[3].text();

    // 20 px code on a 1080p canvas streamed at 720p is 13.3 px to a viewer.
    auto small = load(R"({"format": "stagehand.preset", "version": 1, "metadata": {"name": "S"},
        "code": {"font": {"size": 20}}})");
    ASSERT_TRUE(small.preset);
    EXPECT_TRUE(check(*small.preset).empty());
    CheckContext stream;
    stream.output_scale = 720.0 / 1080.0;
    ASSERT_EQ(check(*small.preset, stream).size(), 1u);
    EXPECT_NE(check(*small.preset, stream)[0].suggestion.find("24 px"), std::string::npos);
}

TEST(Accessibility, APlatformMarkThatVanishesIntoTheCardIsNamed) {
    auto purple = load(R"({"format": "stagehand.preset", "version": 1, "metadata": {"name": "P"},
        "question": {"card": {"background": "#9146FF"}}})");
    ASSERT_TRUE(purple.preset);
    const auto warnings = check(*purple.preset, platform_marks());
    const auto mark = std::find_if(warnings.begin(), warnings.end(), [](const auto& w) {
        return w.pointer == "/question/card/background";
    });
    ASSERT_NE(mark, warnings.end());
    EXPECT_NE(mark->problem.find("Twitch"), std::string::npos) << mark->text();
}

// The author's name keeps the source's light default colour when a preset sets none: on a light
// card that is unreadable, and the check says so (with the colour it would need); a dark author
// colour passes.
TEST(Accessibility, TheAuthorsNameIsCheckedEvenWhenThePresetLeavesItsColourOut) {
    auto light = load(R"({"format": "stagehand.preset", "version": 1, "metadata": {"name": "L"},
        "question": {"text": "#1F2328", "font": {"size": 40}, "card": {"background": "#FFFFFF"}}})");
    ASSERT_TRUE(light.preset);
    const auto warnings = check(*light.preset);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].pointer, "/question/author");
    EXPECT_NE(warnings[0].problem.find("author"), std::string::npos) << warnings[0].text();
    const auto quote = warnings[0].suggestion.find('"');
    ASSERT_NE(quote, std::string::npos) << warnings[0].text();
    const Color suggested = hex(warnings[0].suggestion.substr(quote + 1, 7).c_str());
    EXPECT_GE(contrast_ratio(suggested, hex("#FFFFFF")), 3.0) << warnings[0].text();

    auto fixed = load(R"({"format": "stagehand.preset", "version": 1, "metadata": {"name": "L"},
        "question": {"text": "#1F2328", "author": "#0969DA", "font": {"size": 40},
                     "card": {"background": "#FFFFFF"}}})");
    ASSERT_TRUE(fixed.preset);
    EXPECT_TRUE(check(*fixed.preset).empty()) << check(*fixed.preset).front().text();
}

TEST(PresetLibrary, ListsBuiltInThenUserPresetsAndTheUsersCopyWins) {
    const fs::path user =
        fs::temp_directory_path() / ("stagehand-presets-" + std::to_string(::getpid()));
    fs::remove_all(user);
    fs::create_directories(user);
    json mine = read_json(kPresets / "Conference Dark.json");
    mine["metadata"]["author"] = "Me";
    std::ofstream(user / "Conference Dark.json") << mine.dump();
    std::ofstream(user / "Broken.json") << "{\"format\": \"stagehand.preset\"";
    std::ofstream(user / "notes.txt") << "not a preset";
    const auto entries = list(kPresets, user);
    ASSERT_GE(entries.size(), 15u);
    EXPECT_TRUE(entries.front().builtin);
    const auto broken = std::find_if(entries.begin(), entries.end(),
                                     [](const Entry& e) { return e.name == "Broken"; });
    ASSERT_NE(broken, entries.end());
    EXPECT_FALSE(broken->preset);
    EXPECT_FALSE(broken->errors.empty());
    const auto found = find(entries, "Conference Dark");
    ASSERT_TRUE(found && found->preset);
    EXPECT_FALSE(found->builtin);
    EXPECT_EQ(found->preset->metadata.author, "Me");
    EXPECT_FALSE(find(entries, "No Such Preset"));
    fs::remove_all(user);
}
