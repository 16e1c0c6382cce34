#include "web/view_renderer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/store_helpers.hpp"

namespace bank {
namespace {

class ViewRendererTest : public ::testing::Test {
protected:
    void SetUp() override {
        write("layout", "<main>{{{content}}}</main>");
        write("list", "<h1>{{title}}</h1>\n{{#rows}}{{> partial_row}}{{/rows}}");
        write("partial_row", "<p>{{name}}</p>");
    }
    void write(const std::string& name, const std::string& text) {
        std::ofstream(directory_.file(name + ".mustache")) << text;
    }

    static ViewData rows_view(const std::string& title, std::vector<std::string> names) {
        ViewData view;
        view.set("title", title);
        ViewData rows{ViewData::type::list};
        for (auto& name : names) {
            ViewData row;
            row.set("name", name);
            rows.push_back(row);
        }
        view.set("rows", rows);
        return view;
    }

    test::ScratchDirectory directory_{"bank_views"};
};

TEST_F(ViewRendererTest, RendersPartialsInTheLayoutAndEscapesValues) {
    const ViewRenderer views(directory_.path().string());
    EXPECT_EQ(views.render_page("list", rows_view("A & B", {"<x>", "y"})),
              "<main><h1>A &amp; B</h1>\n<p>&lt;x&gt;</p><p>y</p></main>");
}

TEST_F(ViewRendererTest, RendersTheSameAgainAndAgain) {
    const ViewRenderer views(directory_.path().string());
    const std::string first = views.render("list", rows_view("t", {"a"}));
    for (int i = 0; i < 3; ++i) EXPECT_EQ(views.render("list", rows_view("t", {"a"})), first);
    EXPECT_EQ(views.render("list", rows_view("u", {})), "<h1>u</h1>\n");
}

TEST_F(ViewRendererTest, RendersFromManyThreadsAtOnce) {
    const ViewRenderer views(directory_.path().string());
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            const std::string name = "n" + std::to_string(t);
            const std::string expected = "<main><h1>" + name + "</h1>\n<p>" + name + "</p></main>";
            for (int i = 0; i < 500; ++i) {
                if (views.render_page("list", rows_view(name, {name})) != expected) ++mismatches[t];
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST_F(ViewRendererTest, RefusesUnknownTemplatesAndPartials) {
    {
        const ViewRenderer views(directory_.path().string());
        EXPECT_THROW(views.render("missing", ViewData{}), std::runtime_error);
    }
    write("broken", "{{> partial_missing}}");
    EXPECT_THROW(ViewRenderer{directory_.path().string()}, std::runtime_error);
}

TEST_F(ViewRendererTest, RefusesAPartialThatIncludesItself) {
    write("partial_loop", "x{{> partial_loop}}");
    EXPECT_THROW(ViewRenderer{directory_.path().string()}, std::runtime_error);
}

TEST_F(ViewRendererTest, RefusesMalformedTemplatesAtStartUp) {
    write("bad", "{{#open}} never closed");
    EXPECT_THROW(ViewRenderer{directory_.path().string()}, std::runtime_error);
}

}  // namespace
}  // namespace bank
