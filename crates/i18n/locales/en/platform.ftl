# Platform pages added after the first release: logos, re-uploads, sign-in limits.

## Sign-in limits

platform-signin-locked-title = Sign-in temporarily blocked
platform-signin-locked = Too many sign-in attempts failed. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
  }. If you forgot your password, ask the platform administrator to reset it.
platform-signin-locked-back = Back to the sign-in form

## Organisation logos

platform-logo-heading = Logo
platform-logo-alt = Logo of { $name }
platform-logo-current = Current logo
platform-logo-none = This organisation has no logo yet.
platform-logo-label = New logo (PNG, JPEG or WebP, 1 MB at most)
platform-logo-submit = Save the logo
platform-logo-remove = Remove the logo
platform-logo-missing = No file was sent. Choose a PNG, JPEG or WebP image.
platform-logo-too-large = The file “{ $file }” is larger than 1 MB. Shrink the image or save it in a more compact format, then send it again.
platform-logo-body-too-large = The file sent is larger than 1 MB. Shrink the image or save it in a more compact format, then send it again.
platform-logo-bad-format = The file “{ $file }” is not a PNG, JPEG or WebP image (SVG is not accepted). Save the logo in one of these formats.
platform-logo-bad-header = The header of the image “{ $file }” is unreadable or truncated. Save the image again from your drawing program.
platform-logo-too-wide = The image “{ $file }” is { $width } × { $height } pixels, beyond the limit of { $max } × { $max }. Shrink it before sending it.

## File sweeping

platform-sweep-dry-run = Files that would be removed: { $count } ({ $size }). No file was removed (--dry-run).
platform-sweep-done = Files removed: { $count } ({ $size }).
platform-sweep-summary = { $examined } files examined; { $young } unreferenced files kept because they are newer than { $minutes } minutes.
platform-sweep-remove-failed = The file { $key } could not be removed: { $error }
platform-sweep-failed = Sweeping the files of the folder { $data } failed: { $error }
    .hint = Check that --data is the platform's data folder (it contains catalog.db and files/).

## Validation progress

platform-progress-label = Validation progress
platform-progress-percent = { $percent } % of the file read
platform-progress-unknown = Reading the file.

## Dates on pages

platform-month = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    }
platform-date = { $day } { $month } { $year }
platform-date-time = { $date } at { $hour }:{ $minute }
platform-date-time-utc = { $date } at { $hour }:{ $minute } UTC

## Replaced files

platform-replacement-pending = This file replaces an earlier version, which visitors still download. They will get the new file once its validation and personal-data scan are done and, if personal data is found in it, once you have confirmed its publication.
