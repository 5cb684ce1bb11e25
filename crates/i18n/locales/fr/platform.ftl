# Platform pages added after the first release: logos, re-uploads, sign-in limits.

## Sign-in limits

platform-signin-locked-title = Connexion temporairement bloquée
platform-signin-locked = Trop de tentatives de connexion ont échoué. Réessayez dans { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
  }. Si vous avez oublié votre mot de passe, demandez à l’administrateur de la plateforme de le réinitialiser.
platform-signin-locked-back = Retour au formulaire de connexion

## Organisation logos

platform-logo-heading = Logo
platform-logo-alt = Logo de { $name }
platform-logo-current = Logo actuel
platform-logo-none = Cette organisation n’a pas encore de logo.
platform-logo-label = Nouveau logo (PNG, JPEG ou WebP, 1 Mo au maximum)
platform-logo-submit = Enregistrer le logo
platform-logo-remove = Retirer le logo
platform-logo-missing = Aucun fichier n’a été envoyé. Choisissez une image PNG, JPEG ou WebP.
platform-logo-too-large = Le fichier « { $file } » dépasse 1 Mo. Réduisez l’image ou enregistrez-la dans un format plus compact, puis envoyez-la de nouveau.
platform-logo-body-too-large = Le fichier envoyé dépasse 1 Mo. Réduisez l’image ou enregistrez-la dans un format plus compact, puis envoyez-la de nouveau.
platform-logo-bad-format = Le fichier « { $file } » n’est pas une image PNG, JPEG ou WebP (les SVG ne sont pas acceptés). Enregistrez le logo dans l’un de ces formats.
platform-logo-bad-header = L’en-tête de l’image « { $file } » est illisible ou tronqué. Enregistrez de nouveau l’image depuis votre logiciel de dessin.
platform-logo-too-wide = L’image « { $file } » mesure { $width } × { $height } pixels, au-delà de la limite de { $max } × { $max }. Réduisez-la avant de l’envoyer.

## File sweeping

platform-sweep-dry-run = Fichiers qui seraient supprimés : { $count } ({ $size }). Aucun fichier n’a été supprimé (--dry-run).
platform-sweep-done = Fichiers supprimés : { $count } ({ $size }).
platform-sweep-summary = { $examined } fichiers examinés ; { $young } fichiers non référencés conservés car plus récents que { $minutes } minutes.
platform-sweep-remove-failed = Le fichier { $key } n’a pas pu être supprimé : { $error }
platform-sweep-failed = Le nettoyage des fichiers du dossier { $data } a échoué : { $error }
    .hint = Vérifiez que --data désigne le dossier de données de la plateforme (il contient catalog.db et files/).

## Validation progress

platform-progress-label = Avancement de la validation
platform-progress-percent = { $percent } % du fichier lu
platform-progress-unknown = Lecture du fichier en cours.

## Dates on pages

platform-month = { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    }
platform-date = { $day ->
        [1] 1er
       *[other] { $day }
    } { $month } { $year }
platform-date-time = { $date } à { $hour } h { $minute }
platform-date-time-utc = { $date } à { $hour } h { $minute } (UTC)

## Replaced files

platform-replacement-pending = Ce fichier remplace une version précédente, que les visiteurs téléchargent encore. Le nouveau fichier leur sera servi quand sa validation et la recherche de données personnelles seront terminées, et, si des données personnelles y sont trouvées, quand vous aurez confirmé sa publication.
