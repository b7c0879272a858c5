// Render tests of the live question source, driven through the module's own control layer.
#include "control/controller.hpp"

#include "golden.hpp"
#include "obs/obs_code_sources.hpp"
#include "render_env.hpp"
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>
#include <obs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

// The render tests' shared harness (render_env.hpp, golden.hpp, image.hpp).
using namespace stagehand::test;

namespace {

int feature_typed_question(const std::string& text, const std::string& label) {
    const auto added = stagehand_request("question_add", {{"text", text}, {"label", label}});
    EXPECT_EQ(added.value("ok", false), true) << added.dump();
    const int id = added.value("id", 0);
    const auto featured = stagehand_request("question_feature", {{"id", id}});
    EXPECT_EQ(featured.value("ok", false), true) << featured.dump();
    return id;
}

struct QuestionCase {
    const char* golden;
    const char* text;
    const char* label;
};

} // namespace

// Nothing featured: the source draws nothing at all, not even its card.
TEST_F(RenderTest, QuestionSourceIsEmptyUntilAQuestionIsFeatured) {
    ASSERT_EQ(stagehand_request("question_hide", {{"_", 0}}).value("ok", false), true);
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 400);
    obs_data_set_int(settings.get(), "height", 120);
    SourcePtr source = make_source("stagehand_question", "question_empty", settings.get());
    for (int i = 0; i < 10; ++i)
        g_obs->render(source.get(), 400, 120);
    EXPECT_EQ(coverage(g_obs->render(source.get(), 400, 120)), 0u);
}

class QuestionGoldenTest : public RenderTest, public ::testing::WithParamInterface<QuestionCase> {};

// A featured question as viewers see it: author label, platform mark, number, and the text in
// any script, wrapped and shrunk to fit.
TEST_P(QuestionGoldenTest, FeaturedQuestionMatchesGolden) {
    const QuestionCase& c = GetParam();
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 640);
    obs_data_set_int(settings.get(), "height", 200);
    obs_data_set_int(settings.get(), "transition_ms", 0);
    DataPtr font(obs_data_create());
    obs_data_set_string(font.get(), "face", "DejaVu Sans");
    obs_data_set_int(font.get(), "size", 34);
    obs_data_set_obj(settings.get(), "question_font", font.get());
    // Numbers depend on which tests ran before; the golden leaves them out.
    obs_data_set_bool(settings.get(), "show_number", false);
    SourcePtr source = make_source("stagehand_question", c.golden, settings.get());
    feature_typed_question(c.text, c.label);
    Image image;
    for (int i = 0; i < 200; ++i) {
        image = g_obs->render(source.get(), 640, 200);
        if (coverage(image) > 0 && i > 5)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_GT(coverage(image), 0u) << "the featured question never appeared";
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // glyphs staged, settled
    image = g_obs->render(source.get(), 640, 200);
    const std::string mismatch = stagehand::test::check_golden(c.golden, image);
    EXPECT_TRUE(mismatch.empty()) << mismatch;
    stagehand_request("question_hide", {{"_", 0}});
}

INSTANTIATE_TEST_SUITE_P(
    Questions, QuestionGoldenTest,
    ::testing::Values(
        QuestionCase{"question_short", "How does this scale?", "from the room"},
        QuestionCase{"question_long",
                     "Could you walk us through how the incremental parser recovers when the "
                     "file being followed is saved half-way through a large refactor, and "
                     "whether the highlighting ever shows a broken state on stream while the "
                     "editor is still writing, because that happened to me last week?",
                     "Hall B"},
        QuestionCase{"question_rtl", "هل يعمل هذا على ويندوز أيضا؟", "سؤال من القاعة"},
        QuestionCase{"question_emoji", "Will the slides be shared? 🙏🎉 👍🏽",
                     "from the room"}),
    [](const auto& param_info) { return std::string(param_info.param.golden); });

// The entrance is a function of time: with a two-minute transition the question has barely
// begun to appear a moment after it was featured; with none it is there at once. Hiding it
// with a transition lets it slide out; hiding it at once leaves nothing.
TEST_F(RenderTest, AFeaturedQuestionSlidesInAndOut) {
    // One settings object each: libobs keeps a reference to the object a source is made with.
    auto settings_with = [](long long transition_ms) {
        DataPtr settings(obs_data_create());
        obs_data_set_int(settings.get(), "width", 400);
        obs_data_set_int(settings.get(), "height", 120);
        obs_data_set_int(settings.get(), "transition_ms", transition_ms);
        return settings;
    };
    DataPtr slow_settings = settings_with(120000);
    DataPtr cut_settings = settings_with(0);
    SourcePtr slow = make_source("stagehand_question", "question_slow", slow_settings.get());
    SourcePtr cut = make_source("stagehand_question", "question_cut", cut_settings.get());
    for (int i = 0; i < 5; ++i) {
        g_obs->render(slow.get(), 400, 120);
        g_obs->render(cut.get(), 400, 120);
    }
    feature_typed_question("Does it work on Wayland?", "from the room");
    const Image full =
        render_until(cut.get(), 400, 120, [](const Image& i) { return coverage(i) >= 1000; });
    ASSERT_GT(coverage(full), 1000u);
    const Image arriving = g_obs->render(slow.get(), 400, 120);
    // Nearly transparent at the start of a two-minute entrance.
    std::size_t strong = 0;
    for (std::size_t i = 3; i < arriving.rgba.size(); i += 4)
        strong += arriving.rgba[i] > 128;
    EXPECT_LT(strong, 50u) << "the entrance did not start from nothing";
    stagehand_request("question_hide", {{"_", 0}});
    const Image gone =
        render_until(cut.get(), 400, 120, [](const Image& i) { return coverage(i) == 0; });
    EXPECT_EQ(coverage(gone), 0u) << "with no transition, hiding leaves nothing";
}

// A featured question standing still is not looked for each frame: the source asks the control
// layer again only after something was published, and then sees at once what changed.
TEST_F(RenderTest, AStillQuestionCardIsNotLookedForEachFrame) {
    DataPtr settings(obs_data_create());
    obs_data_set_int(settings.get(), "width", 400);
    obs_data_set_int(settings.get(), "height", 120);
    obs_data_set_int(settings.get(), "transition_ms", 0);
    SourcePtr source = make_source("stagehand_question", "question_still", settings.get());
    feature_typed_question("Is the queue read every frame?", "from the room");
    const Image shown =
        render_until(source.get(), 400, 120, [](const Image& i) { return coverage(i) >= 1000; });
    ASSERT_GT(coverage(shown), 1000u);
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // its content published
    const long long before = source_stat(source.get(), "outside_checks");
    // A second of OBS's ticks (30 a second here) with nothing new.
    for (int i = 0; i < 50; ++i) {
        g_obs->render(source.get(), 400, 120);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const long long still = source_stat(source.get(), "outside_checks");
    EXPECT_LE(still - before, 2) << "looked at the featured question on most ticks";
    stagehand_request("question_hide", {{"_", 0}});
    const Image gone =
        render_until(source.get(), 400, 120, [](const Image& i) { return coverage(i) == 0; });
    EXPECT_EQ(coverage(gone), 0u) << "hiding it did not reach the source";
    EXPECT_GT(source_stat(source.get(), "outside_checks"), still);
}

} // namespace
