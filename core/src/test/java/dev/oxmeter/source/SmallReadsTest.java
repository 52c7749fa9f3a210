package dev.oxmeter.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first objects of a run come from git cat-file: the same bytes and revisions as JGit's, with JGit after. */
class SmallReadsTest {
    @TempDir
    Path tmp;

    private Path repo() throws Exception {
        assumeTrue(GitCli.available(), "git is not installed");
        Path dir = tmp.resolve("r");
        Files.createDirectories(dir.resolve("src"));
        GitCli.git(dir, "init", "-q");
        Files.writeString(dir.resolve("src/a.c"), "int a;\n");
        Files.writeString(dir.resolve("README"), "read me\n");
        GitCli.git(dir, "add", "-A");
        GitCli.git(dir, "commit", "-q", "-m", "one");
        GitCli.git(dir, "tag", "-a", "-m", "first", "v1.0");
        GitCli.git(dir, "tag", "light");
        return dir;
    }

    @Test
    void objectsReadThroughGitEqualJGits() throws Exception {
        Path dir = repo();
        try (GitRepo g = GitRepo.open(dir);
             Repository r = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build();
             ObjectReader jgit = r.newObjectReader()) {
            ObjectId tree = r.resolve("HEAD^{tree}");
            ObjectId blob = r.resolve("HEAD:src/a.c");
            Oid t = Oid.fromHex(tree.name());
            CatFileBlobs.Raw raw = g.smallRead(t, Integer.MAX_VALUE);
            assertThat(raw.type()).isEqualTo("tree");
            assertThat(raw.data()).isEqualTo(jgit.open(tree).getBytes());
            CatFileBlobs.Raw head = g.smallRead(Oid.fromHex(blob.name()), 3);
            assertThat(head.type()).isEqualTo("blob");
            assertThat(head.size()).isEqualTo(7);
            assertThat(head.data()).isEqualTo("int".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(g.smallRead(Oid.fromHex("0123456789012345678901234567890123456789"), 10)).isNull();
            try (ObjectSource src = g.newObjectSource()) {
                assertThat(src.tree(t)).extracting(TreeItem::name).containsExactly("README", "src");
                assertThat(src.blob(Oid.fromHex(blob.name()), 100, 2).truncated()).isFalse();
                assertThat(src.blob(Oid.fromHex(blob.name()), 4, 2).length()).isEqualTo(2);
            }
        }
    }

    @Test
    void revisionsAndTagsResolveAsThroughJGit() throws Exception {
        Path dir = repo();
        List<Revision> small;
        List<TagRef> smallTags;
        try (GitRepo g = GitRepo.open(dir)) {
            small = List.of(g.resolve("v1.0"), g.resolve("light"), g.resolve("HEAD"));
            smallTags = g.tags();
        }
        try (GitRepo g = GitRepo.open(dir)) {
            // spend the budget, so that what follows is read by JGit
            Oid missing = Oid.fromHex("0123456789012345678901234567890123456789");
            for (int i = 0; i < GitRepo.SMALL_READS; i++) {
                assertThat(g.smallRead(missing, 1)).isNull();
            }
            assertThat(g.smallRead(Oid.fromHex(g.resolve("HEAD").tree().hex()), 10)).isNull();
            assertThat(List.of(g.resolve("v1.0"), g.resolve("light"), g.resolve("HEAD"))).isEqualTo(small);
            assertThat(g.tags()).containsExactlyInAnyOrderElementsOf(smallTags);
        }
        assertThat(smallTags).extracting(TagRef::name).containsExactlyInAnyOrder("v1.0", "light");
        assertThat(smallTags).allSatisfy(t -> assertThat(t.commit()).isEqualTo(small.get(2).commit()));
    }
}
