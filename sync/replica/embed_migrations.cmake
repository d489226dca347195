# Generates a C++ file holding the SQL migrations as string literals.
# Inputs: OUTPUT (the .cpp to write), FILES (the .sql files, in order).
set(body "")
foreach(file IN LISTS FILES)
    file(READ "${file}" sql)
    get_filename_component(name "${file}" NAME)
    string(APPEND body "        // ${name}\n        R\"treffpunkt_sql(${sql})treffpunkt_sql\",\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated from assets/migrations/replica by sync/replica/embed_migrations.cmake.
#include \"sync/replica/migrations.hpp\"

namespace treffpunkt {

const std::vector<std::string_view>& ReplicaMigrations() {
    static const std::vector<std::string_view> kMigrations = {
${body}    };
    return kMigrations;
}

}  // namespace treffpunkt
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
