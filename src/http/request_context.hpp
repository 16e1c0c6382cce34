#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/fields.hpp"
#include "http/types.hpp"
#include "service/auth_service.hpp"

namespace bank {

// Produces a streamed body a chunk at a time; an empty chunk ends it. Called between writes,
// so nothing large is ever held in memory: on the server's pool for streamed bodies
// (RequestPipeline::run_streamed_bodies_on), never on an I/O thread.
using ChunkSource = std::function<std::string()>;

struct Flash {
    std::string kind;  // "success" or "danger"
    std::string message;
};

// Everything a handler needs to know about one request, filled in by the pipeline.
struct RequestContext {
    const HttpRequest& request;
    std::string client_address;
    std::string path;  // decoded, without the query
    Fields query;
    Fields parameters;  // from {name} segments of the route's path
    Fields form;        // the body of a form POST
    Fields cookies;
    std::optional<Identity> identity;
    bool bearer = false;  // the identity came from an Authorization: Bearer token
    std::string bearer_token;
    std::string csrf_token;      // the token every form of this response must carry
    std::optional<Flash> flash;  // a message carried over from the previous request

    // The signed-in person's id; only for the handlers of routes that require a sign-in (the
    // pipeline has refused the request otherwise).
    const std::string& user_id() const { return identity->user.user_id; }

    // Set by handlers, applied by the pipeline.
    std::vector<std::string> set_cookies;
    std::optional<Flash> next_flash;               // shown by the next page (Post/Redirect/Get)
    std::optional<std::string> new_session_token;  // a login: replaces the session cookie
    bool end_session = false;                      // a logout: clears the session cookie
    ChunkSource body_stream;  // when set, the body is streamed (chunked) instead of the response's
};

}  // namespace bank
