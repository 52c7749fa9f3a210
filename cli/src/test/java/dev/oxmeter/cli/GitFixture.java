package dev.oxmeter.cli;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;

/**
 * Damages repositories the way disks and bad copies do: every object into one pack, then four bytes flipped in the
 * middle of one object's compressed data (what {@code git verify-pack} and {@code git fsck} then report as corrupt).
 */
final class GitFixture {
    private GitFixture() {
    }

    private static Repository open(Path gitDir) throws IOException {
        return new FileRepository(gitDir.toFile());
    }

    /** The object id {@code rev} names ({@code HEAD~1}, {@code HEAD:src}), as {@code git rev-parse} gives it. */
    static String resolve(Path gitDir, String rev) throws IOException {
        try (Repository r = open(gitDir)) {
            ObjectId id = r.resolve(rev);
            if (id == null) {
                throw new AssertionError("no such revision: " + rev);
            }
            return id.name();
        }
    }

    /**
     * Puts every object into one pack, stored whole (no deltas), and deletes the loose copies, so that damaging
     * one object in the pack damages only it (as {@code git repack -a -d -F --window=0} does).
     */
    static void packWithoutDeltas(Path gitDir) throws IOException {
        try (Repository r = open(gitDir)) {
            PackConfig pc = new PackConfig(r);
            pc.setDeltaCompress(false);
            pc.setReuseDeltas(false);
            pc.setReuseObjects(false);
            pc.setBuildBitmaps(false);
            GC gc = new GC((FileRepository) r);
            gc.setPackConfig(pc);
            gc.repack();
            gc.prunePacked();
        }
        try (Stream<Path> all = Files.walk(gitDir.resolve("objects"))) {
            if (all.anyMatch(p -> Files.isRegularFile(p)
                    && p.getParent().getFileName().toString().matches("[0-9a-f]{2}"))) {
                throw new AssertionError("loose objects left after packing: the damage would not be seen");
            }
        }
    }

    /** Where and how big an object is in the pack, as a line of {@code git verify-pack -v} says. */
    record Packed(String id, String type, long sizeInPack, long offset) {
    }

    /** The objects of the one pack, by offset. */
    static List<Packed> packed(Path gitDir) throws IOException {
        Path idx = index(gitDir);
        Path pack = Path.of(idx.toString().replaceAll("\\.idx$", ".pack"));
        List<long[]> offsets = new ArrayList<>();
        List<ObjectId> ids = new ArrayList<>();
        for (PackIndex.MutableEntry e : PackIndex.open(idx.toFile())) {
            ids.add(e.toObjectId());
            offsets.add(new long[] {e.getOffset(), ids.size() - 1});
        }
        offsets.sort(Comparator.comparingLong(o -> o[0]));
        long end = Files.size(pack) - Constants.OBJECT_ID_LENGTH;
        List<Packed> out = new ArrayList<>();
        try (Repository r = open(gitDir); ObjectReader reader = r.newObjectReader()) {
            for (int i = 0; i < offsets.size(); i++) {
                long at = offsets.get(i)[0];
                long next = i + 1 < offsets.size() ? offsets.get(i + 1)[0] : end;
                ObjectId id = ids.get((int) offsets.get(i)[1]);
                out.add(new Packed(id.name(), Constants.typeString(reader.open(id).getType()), next - at, at));
            }
        }
        return out;
    }

    /** Flips four bytes in the middle of object {@code id}'s compressed data, leaving every other object intact. */
    static void corrupt(Path gitDir, String id) throws IOException {
        Packed p = packed(gitDir).stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not packed"));
        if (p.sizeInPack() < 24) {
            throw new AssertionError(id + " is too small to damage in its middle: " + p.sizeInPack() + " bytes");
        }
        File pack = new File(index(gitDir).toString().replaceAll("\\.idx$", ".pack"));
        pack.setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(pack, "rw")) {
            long at = p.offset() + p.sizeInPack() / 2;
            byte[] b = new byte[4];
            f.seek(at);
            f.readFully(b);
            for (int i = 0; i < b.length; i++) {
                b[i] ^= (byte) 0xff;
            }
            f.seek(at);
            f.write(b);
        }
    }

    private static Path index(Path gitDir) throws IOException {
        try (Stream<Path> s = Files.list(gitDir.resolve("objects/pack"))) {
            List<Path> idx = s.filter(x -> x.toString().endsWith(".idx")).toList();
            if (idx.size() != 1) {
                throw new AssertionError("expected one pack, found " + idx);
            }
            return idx.get(0);
        }
    }
}
