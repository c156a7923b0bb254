#!/usr/bin/perl
# logs-helper.pl DIR SRCDIR: the run's one helper process for the log
# directory, started early so that its start-up overlaps the cfg parsing.
# It waits for "go" on stdin (EOF: the run stopped before any test, so it
# leaves everything as it was), then keeps exactly one previous run
# (DIR -> DIR.old, new DIR), answers "ready" (or "error: why"), then prints
# SRCDIR's revision (asked for at start-up) and, while the tests run,
# deletes the run before last.
# A process costs 5-20 ms on a busy VM; rm + mv + mkdir + git would be four.
use strict;
use warnings;
# File::Path is loaded only when needed: loading it costs start-up time,
# which is what the runner waits for.

my ($dir, $src) = @ARGV;
$| = 1;

sub fail {
	print "error: $_[0]: $!\n";
	exit 1;
}

# git is slow and changes nothing: ask it while the runner parses the cfg.
my $git;
open($git, '-|', 'git', '-C', $src, 'describe', '--always', '--dirty') or undef $git;

my $go = <STDIN>;
exit 0 unless defined $go && $go eq "go\n";

my $trash;
if (-e "$dir.old") {
	$trash = "$dir.old.trash.$$";
	rename("$dir.old", $trash) or fail("cannot move $dir.old out of the way");
}
if (-e $dir) {
	rename($dir, "$dir.old") or fail("cannot move $dir to $dir.old");
}
unless (-d $dir || mkdir($dir)) {
	require File::Path;
	File::Path::make_path($dir);
}
-d $dir or fail("cannot create $dir");
print "ready\n";

my $rev = defined $git ? <$git> : undef;
print defined $rev ? $rev : "unknown\n";
if (defined $trash) {
	require File::Path;
	File::Path::remove_tree($trash);
}
