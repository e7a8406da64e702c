import Foundation
import PredEval
import PredEvalCommandLine
import Testing

@Suite("Files as pandas, R, Excel, HuggingFace and Kaggle write them equal scikit-learn on the data as pandas reads it")
struct FilesAsTheyComeConformanceTests {
    @Test("numbers, missing values, label maps, numeric ids, Excel's ; with a BOM and CRLF", arguments: try OutputCase.realFiles())
    func matchesScikitLearn(_ expected: OutputCase) throws {
        let run = try predeval(expected.arguments + ["--format", "json"], in: fixturesDirectory)
        #expect(run.status == 0, "\(run.standardError)")
        let found = differences(
            try JSONSerialization.jsonObject(with: expected.expectedJSON),
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)))
        #expect(found.isEmpty, "\(found.prefix(10).joined(separator: "\n"))")
    }

    @Test("the same report read in parts on three threads, 64 bytes at a time", arguments: try OutputCase.realFiles())
    func partsChangeNothing(_ expected: OutputCase) throws {
        guard !expected.arguments.contains("--truth") else { return }
        let arguments = expected.arguments.map { $0.hasPrefix("files_as_they_come/") ? fixture($0) : $0 }
        let whole = try evaluate(arguments + ["--threads", "1"])
        #expect(try evaluate(arguments + ["--threads", "3"], minimumPartBytes: 1) == whole)
    }

    @Test("the cases cover pandas' NaN and floats, R's NA, a label map inline and as a file, numeric ids, Excel")
    func coverage() throws {
        let arguments = try OutputCase.realFiles().map { $0.arguments.joined(separator: " ") }
        for part in ["pandas_float_nan", "pandas_many_classes", "pandas_twelve_classes", "r_write_csv", "--missing-prediction skip",
            "--label-map LABEL_0=0", "huggingface_label_map.csv", "--id-type number", "excel_semicolon_bom_crlf"]
        {
            #expect(arguments.contains { $0.contains(part) }, "\(part)")
        }
    }
}

@Suite("Missing values, numeric labels and label maps: semantics and refusals")
struct MissingValueTests {
    /// The JSON report of `text` under `arguments`.
    private func report(_ text: String, _ arguments: [String] = []) throws -> [String: Any] {
        let run = try predeval([try temporaryFile(text), "--format", "json"] + arguments)
        #expect(run.status == 0, "\(run.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    }

    /// The message of a refusal (exit status 2, nothing on standard output).
    private func refusal(_ text: String, _ arguments: [String]) throws -> String {
        let run = try predeval([try temporaryFile(text)] + arguments)
        #expect(run.status == 2, "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        return run.standardError
    }

    @Test("1,200 spellings of 600 numbers: one class each, every row correct, no matrix without every pair")
    func spellingsPastThePairLimit() throws {
        let rows = (0..<1200).map { "\($0 % 600),\($0 % 600).0" }.joined(separator: "\n")
        let json = try report("actual,predicted\n" + rows + "\n")
        #expect(json["accuracy"] as? Double == 1.0)
        #expect((json["labels"] as? [String])?.count == 600)
        #expect(json["confusion_matrix"] is NSNull, "the pairs of rows past 1,024 spellings are not kept")
        let text = try report("actual,predicted\n" + rows + "\n", ["--label-type", "text"])
        #expect(text["accuracy"] as? Double == 0.0)
    }

    @Test("0, 0.0 and 0e0 are one label, sorted by value and shown in the shortest form")
    func numbersAreOneLabel() throws {
        let json = try report("actual,predicted\n0,0.0\n10,1e1\n2,2.50\n2,0e0\n")
        #expect(json["labels"] as? [String] == ["0", "2", "2.5", "10"])
        #expect(json["accuracy"] as? Double == 0.5)
        let text = try report("actual,predicted\n0,0.0\n10,1e1\n", ["--label-type", "text"])
        #expect(text["labels"] as? [String] == ["0", "0.0", "10", "1e1"])
    }

    @Test("a missing prediction counts as wrong and makes no class; skip and error do as they say")
    func missingPredictions() throws {
        let file = "actual,predicted\na,a\nb,NA\nb,b\na,\n"
        let wrong = try report(file)
        #expect(wrong["labels"] as? [String] == ["a", "b"])
        #expect(wrong["rows"] as? Int == 4)
        #expect(wrong["missing_predictions"] as? Int == 2)
        #expect(wrong["accuracy"] as? Double == 0.5)
        let micro = try #require((wrong["averages"] as? [String: Any])?["micro"] as? [String: Any])
        #expect(micro["precision"] as? Double == 1.0)
        #expect(micro["recall"] as? Double == 0.5)
        let skip = try report(file, ["--missing-prediction", "skip"])
        #expect(skip["rows"] as? Int == 2 && skip["skipped_rows"] as? Int == 2 && skip["accuracy"] as? Double == 1.0)
        let label = try report(file, ["--missing-prediction", "label"])
        #expect(label["labels"] as? [String] == ["", "NA", "a", "b"])
        let message = try refusal(file, ["--missing-prediction", "error"])
        #expect(message.contains(":3: the prediction is missing ('NA'"), "\(message)")
    }

    @Test("a missing actual label fails naming the line and the option, or is skipped")
    func missingActual() throws {
        let file = "actual,predicted\na,a\nNaN,b\n"
        let message = try refusal(file, [])
        #expect(message.contains(":3: the actual label is missing ('NaN'") && message.contains("--missing-actual skip"), "\(message)")
        let skipped = try report(file, ["--missing-actual", "skip"])
        #expect(skipped["rows"] as? Int == 1 && skipped["skipped_rows"] as? Int == 1)
    }

    @Test("multi-label: an empty cell is the empty set, NA a missing prediction")
    func multiLabelMissing() throws {
        let json = try report("actual,predicted\na|b,a\nb,\na,NA\n", ["--multi-label"])
        #expect(json["rows"] as? Int == 3)
        #expect(json["missing_predictions"] as? Int == 1)
        let classes = try #require(json["classes"] as? [[String: Any]])
        #expect(classes.map { $0["label"] as? String } == ["a", "b"])
        #expect(classes.map { $0["fn"] as? Int } == [1, 2])
    }

    @Test("--missing-values replaces the list; '' makes no cell missing")
    func missingValueList() throws {
        let json = try report("actual,predicted\na,?\nb,NA\n", ["--missing-values", "?"])
        #expect(json["labels"] as? [String] == ["NA", "a", "b"])
        #expect(json["missing_predictions"] as? Int == 1)
        let none = try report("actual,predicted\na,\nb,NA\n", ["--missing-values", ""])
        #expect(none["labels"] as? [String] == ["", "NA", "a", "b"])
    }

    @Test("--label-type number refuses a label that is no number, naming its line")
    func numberTypeRefusesText() throws {
        let message = try refusal("actual,predicted\n1,1\n2,cat\n", ["--label-type", "number"])
        #expect(message.contains(":3: the label 'cat' is no number"), "\(message)")
    }

    @Test("multi-label: 1 and 1.0 in one set count once; with a text label as well, an error")
    func multiLabelNumberSpellings() throws {
        let json = try report("actual,predicted\n1|1.0,1\n2,2.0|1\n", ["--multi-label"])
        #expect(json["labels"] as? [String] == ["1", "2"])
        #expect(json["accuracy"] as? Double == 0.5)
        let message = try refusal("actual,predicted\n1|1.0,1\n2,cat\n", ["--multi-label"])
        #expect(message.contains("'1' and '1.0' spell one number, but the label 'cat' is no number"), "\(message)")
        // The text label first: still an error, for the rule looks at the file's labels, not their order.
        let textFirst = try refusal("actual,predicted\ncat,2\n1,1.0\n", ["--multi-label"])
        #expect(textFirst.contains("'1' and '1.0' spell one number, but the label 'cat' is no number"), "\(textFirst)")
    }

    @Test("multi-label: spellings met on earlier rows count once in a later set, with no missing values too")
    func multiLabelSpellingsOnLaterRows() throws {
        for missing in [[], ["--missing-values", ""]] {
            let json = try report("actual,predicted\n1,1\n1.0,1.0\n1|1.0,1\n", ["--multi-label"] + missing)
            #expect(json["labels"] as? [String] == ["1"], "\(missing)")
            #expect(json["accuracy"] as? Double == 1.0, "\(missing)")
            let classes = json["classes"] as? [[String: Any]]
            #expect(classes?.first?["support"] as? Int == 3, "\(missing)")
        }
    }

    @Test("multi-label: number spellings and a text label in different parts decide as one read does, either order")
    func multiLabelNumberSpellingsInParts() throws {
        let filler = (0..<40).map { "\($0 % 3)|\($0 % 5),\($0 % 3)" }.joined(separator: "\n")
        for text in [
            "actual,predicted\n5,5\n\(filler)\n05,5\n\(filler)\nB,5\n\(filler)\nx\n",
            "actual,predicted\nB,5\n\(filler)\n05,5\n\(filler)\n5,5\n\(filler)\n",
        ] {
            let path = try temporaryFile(text)
            var messages: Set<String> = []
            for threads in [1, 2, 3, 5] {
                var options = EvaluationOptions()
                options.mode = .multiLabel(separator: "|")
                options.threads = threads
                options.minimumPartBytes = 1
                let error = #expect(throws: EvaluationError.self) { try Evaluator(options).evaluate(file: path) }
                messages.insert(error?.description ?? "none")
            }
            // The file with a short last row fails on that row's line; the other on its labels.
            let expected = text.hasSuffix("x\n")
                ? "\(path):125: expected 2 fields, found 1 (use options.skipBadRows to skip such rows)"
                : "\(path): '5' and '05' spell one number, but the label 'B' is no number; give options.labelType text (two labels) or number"
            #expect(messages == [expected], "\(messages)")
        }
    }

    @Test("a label map renames both columns and score classes; one renamed twice is refused")
    func labelMap() throws {
        let json = try report("actual,p_neg,p_pos\npos,0.2,0.8\nneg,0.9,0.1\n", ["--scores", "p_*", "--label-map", "pos=1,neg=0"])
        #expect(json["labels"] as? [String] == ["0", "1"])
        #expect(json["accuracy"] as? Double == 1.0)
        #expect(json["log_loss"] is Double)
        let mapFile = try temporaryFile("from,to\na,x\na,y\n")
        let message = try refusal("actual,predicted\na,a\n", ["--label-map", mapFile])
        #expect(message.contains("\(mapFile):3:") && message.contains("renames 'a' again (first on line 2)"), "\(message)")
    }

    @Test("a warning when the two columns share no label")
    func disjointLabels() throws {
        let run = try predeval([try temporaryFile("label,prediction\n0,LABEL_0\n1,LABEL_1\n")])
        #expect(run.status == 0)
        #expect(run.standardError.contains("no label occurs both as an actual and as a predicted label: actual '0', '1'; predicted 'LABEL_0', 'LABEL_1'"), "\(run.standardError)")
    }

    @Test("--id-type number joins 007 to 7; an id that is no number is refused")
    func numericIDs() throws {
        let truth = try temporaryFile("id,label\n007,a\n8.0,b\n")
        let predictions = try temporaryFile("id,pred\n7,a\n08,b\n")
        let run = try predeval([predictions, "--truth", truth, "--id", "id", "--actual", "label", "--predicted", "pred", "--id-type", "number", "-f", "json"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("\"matched\": 2"))
        let bad = try temporaryFile("id,pred\nx7,a\n")
        let refused = try predeval([bad, "--truth", truth, "--id", "id", "--actual", "label", "--predicted", "pred", "--id-type", "number"])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains(":2: the prediction id 'x7' is no number"), "\(refused.standardError)")
    }
}

@Suite("Files that are no CSV are refused by name; the delimiter is sniffed; flags that fit")
struct InputFormatTests {
    private let csv = "actual;predicted\ncat;cat\ndog;cat\n"

    /// Runs `script` in the shell and returns its result; `$CSV` is a file holding `csv`.
    private func shellRun(_ script: String) throws -> PredevalRun {
        let path = try temporaryFile(csv)
        return try shell("CSV='\(path)'; \(script)")
    }

    @Test("Parquet, xlsx, xls, SQLite, HDF5, npy, pickle, UTF-32 and binary bytes: refused by name, exit 2; gzip, zstd, UTF-16 read")
    func refusedByName() throws {
        for script in [
            "gzip -c \"$CSV\" | \"$PREDEVAL\" - -f csv", "zstd -q -c \"$CSV\" > \"$CSV.zst\" && \"$PREDEVAL\" \"$CSV.zst\" -f csv",
            "iconv -f UTF-8 -t UTF-16 \"$CSV\" > \"$CSV.u16\" && \"$PREDEVAL\" \"$CSV.u16\" -f csv",
        ] {
            let run = try shellRun(script)
            #expect(run.status == 0, "\(script): \(run.standardError)")
            #expect(run.standardOutput.contains("cat,1,1,0"), "\(script): \(run.standardOutput)")
        }
        let cases: [(script: String, says: String)] = [
            ("printf 'SQLite format 3\\000' > \"$CSV.db\" && \"$PREDEVAL\" \"$CSV.db\"", "is a SQLite database"),
            ("head -c 4096 /dev/zero | tr '\\000' '\\001' > \"$CSV.bin\" && \"$PREDEVAL\" \"$CSV.bin\"", "is binary"),
            ("printf 'PAR1\\025\\004\\000\\000PAR1' > \"$CSV.parquet\" && \"$PREDEVAL\" \"$CSV.parquet\"", "is Parquet, not CSV"),
            ("printf 'PK\\003\\004\\024\\000\\006\\000' > \"$CSV.xlsx\" && \"$PREDEVAL\" \"$CSV.xlsx\"", "(an Excel .xlsx workbook is one)"),
            ("printf '\\320\\317\\021\\340\\241\\261\\032\\341' > \"$CSV.xls\" && \"$PREDEVAL\" \"$CSV.xls\"", "is an Excel 97-2003 workbook (.xls)"),
            ("printf '\\211HDF\\r\\n\\032\\n' > \"$CSV.h5\" && \"$PREDEVAL\" \"$CSV.h5\"", "is HDF5, not CSV"),
            ("printf '\\223NUMPY\\001\\000' > \"$CSV.npy\" && \"$PREDEVAL\" \"$CSV.npy\"", "is a NumPy array (.npy)"),
            ("printf '\\200\\004\\225' > \"$CSV.pkl\" && \"$PREDEVAL\" \"$CSV.pkl\"", "is a Python pickle"),
            ("iconv -f UTF-8 -t UTF-32 \"$CSV\" | \"$PREDEVAL\" -", "-: the file is UTF-32 text"),
        ]
        for (script, says) in cases {
            let run = try shellRun(script)
            #expect(run.status == 2, "\(script): \(run.standardError)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.contains(says), "\(script): \(run.standardError)")
        }
    }

    @Test("the delimiter is sniffed from the first lines and named in the headline and the JSON")
    func sniffedDelimiter() throws {
        let path = try temporaryFile(csv)
        let text = try predeval([path])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.hasPrefix("\(path): single-label, 2 rows, 2 labels, delimiter ';'"), "\(text.standardOutput)")
        let json = try predeval([path, "-f", "json"])
        #expect(json.standardOutput.contains("\"dialect\": {\"delimiter\": \";\"}"))
        let piped = try predeval(["-", "-f", "json"], standardInput: Data("actual|predicted\nx|x\n".utf8))
        #expect(piped.standardOutput.contains("\"dialect\": {\"delimiter\": \"|\"}"), "\(piped.standardError)")
        // A comma file whose labels hold ; and | keeps the comma: those do not split every line alike.
        let commas = try predeval([try temporaryFile("actual,predicted\n\"a;b\",a|b\nc,c\n"), "-f", "json"])
        #expect(commas.standardOutput.contains("\"dialect\": {\"delimiter\": \",\"}"), "\(commas.standardOutput)")
        #expect(commas.standardOutput.contains("\"labels\": [\"a;b\", \"a|b\", \"c\"]"))
    }

    @Test("-d, -o and -f are --delimiter, --output and --format")
    func shortFlags() throws {
        let output = try temporaryFile("", suffix: ".json")
        let run = try predeval([try temporaryFile(csv), "-d", ";", "-f", "json", "-o", output])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("\"rows\": 2"))
    }

    @Test("--actual matches a header cell case aside; two such cells are named; a typo gets a suggestion")
    func columnNames() throws {
        let loose = try predeval([try temporaryFile("Actual,Predicted\na,a\n"), "--actual", "actual", "--predicted", "PREDICTED"])
        #expect(loose.status == 0, "\(loose.standardError)")
        let twice = try predeval([try temporaryFile("Label,label,pred\na,a,a\n"), "--actual", "LABEL"])
        #expect(twice.status == 2)
        #expect(twice.standardError.contains("'Label' and 'label' more than once (positions 1 and 2)"), "\(twice.standardError)")
        let typo = try predeval([try temporaryFile("Actual,Predicted\na,a\n"), "--actual", "actaul"])
        #expect(typo.status == 2)
        #expect(typo.standardError.contains("no column 'actaul' for --actual (did you mean 'Actual'?)"), "\(typo.standardError)")
    }

    @Test("options that need another one say which; --digits -1 says what is wrong")
    func optionsThatDoNotApply() throws {
        let path = try temporaryFile(csv)
        let cases: [([String], String)] = [
            (["--label-separator", ";"], "--label-separator applies only with --multi-label"),
            (["--on-missing", "ignore"], "--on-missing applies only with --truth"),
            (["--id-type", "number"], "--id-type applies only with --truth"),
            (["--min-group-rows", "5"], "--min-group-rows applies only with --group-by"),
            (["--digits", "-1"], "--digits takes a whole number from 0 to 17"),
        ]
        for (arguments, says) in cases {
            let run = try predeval([path] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.standardError.contains(says), "\(arguments): \(run.standardError)")
        }
    }
}
