#!/usr/bin/perl
# SPDX-License-Identifier: GPL-2.0-only
# Reads TAP from the file named on the command line with TAP::Parser (the
# parser behind prove) and says whether it parses cleanly: TAP version 13, a
# plan that matches, no parse errors, no unknown lines, YAML blocks that
# parse. Prints "plan=N ok=N not_ok=N skip=N yaml=N order=NAMES" for the
# caller to compare, and exits 1 on any problem.
use strict;
use warnings;
use TAP::Parser;

open(my $fh, '<', $ARGV[0]) or die "cannot read $ARGV[0]: $!\n";
my $tap = do { local $/; <$fh> };
my $parser = TAP::Parser->new({ tap => $tap });
my ($ok, $not_ok, $skip, $yaml, $bad) = (0, 0, 0, 0, 0);
my @names;
while (my $r = $parser->next) {
	if ($r->is_unknown) {
		print "unknown line: ", $r->as_string, "\n";
		$bad++;
	} elsif ($r->is_yaml) {
		$yaml++;
		ref($r->data) eq 'HASH' or do { print "YAML is not a mapping\n"; $bad++ };
	} elsif ($r->is_test) {
		push @names, $r->description =~ s/^- //r;
		if ($r->has_skip) { $skip++ } elsif ($r->is_actual_ok) { $ok++ } else { $not_ok++ }
	}
}
for my $e ($parser->parse_errors) {
	print "parse error: $e\n";
	$bad++;
}
if ($parser->version != 13) { print "not TAP version 13\n"; $bad++ }
if (!$parser->is_good_plan) { print "bad plan\n"; $bad++ }
printf "plan=%s ok=%d not_ok=%d skip=%d yaml=%d order=%s\n",
	$parser->plan, $ok, $not_ok, $skip, $yaml, join(',', @names);
exit($bad ? 1 : 0);
