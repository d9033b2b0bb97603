package dev.codemill.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codemill.plan.BranchSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The branch folders an earlier run wrote into OUT, so that a new run replaces or removes them. */
final class BranchOutputs {
    private BranchOutputs() {
    }

    /**
     * The branch names in {@code outDir/manifest.json}'s recipe ({@code recipe.branches[].name}),
     * keeping only valid branch names (a folder directly under OUT); empty when there is no readable
     * manifest.
     */
    static List<String> previous(Path outDir) {
        Path m = outDir.resolve("manifest.json");
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(m)) {
            return out;
        }
        try {
            JsonNode branches = new ObjectMapper().readTree(m.toFile()).path("recipe").path("branches");
            for (JsonNode b : branches) {
                String name = b.path("name").asText("");
                if (BranchSpec.NAME.matcher(name).matches() && !BranchSpec.RESERVED.contains(name)) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            return out; // an unreadable manifest names nothing; its own file is replaced anyway
        }
        return out;
    }
}
